/// A value already encoded as compact wire JSON (UTF-8), for handlers that assemble their result
/// from cached pieces instead of encoding a `Codable` value on every call.
///
/// Whoever makes one vouches that `bytes` is one valid JSON value, the same text `WireEncoder` writes
/// for the method's `Result` type.
public struct EncodedJSON: Sendable, Equatable {
    /// The JSON text.
    public var bytes: [UInt8]

    /// Wraps JSON text.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }
}
