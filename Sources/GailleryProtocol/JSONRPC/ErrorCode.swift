/// A JSON-RPC error code: the standard ones from the JSON-RPC 2.0 specification and Gaillery's own
/// (from -32000 down), as documented in the README's error table and in `rpc-schema/openrpc.json`.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The line was not valid JSON.
    public static let parseError = ErrorCode(rawValue: -32700)
    /// Valid JSON but not a JSON-RPC 2.0 request, or a line over the size limit.
    public static let invalidRequest = ErrorCode(rawValue: -32600)
    /// No method of that name.
    public static let methodNotFound = ErrorCode(rawValue: -32601)
    /// The params were missing, of the wrong type, or out of range.
    public static let invalidParams = ErrorCode(rawValue: -32602)
    /// A bug or an unexpected failure inside the daemon; logged with context.
    public static let internalError = ErrorCode(rawValue: -32603)

    /// The daemon is shutting down and takes no new work.
    public static let shuttingDown = ErrorCode(rawValue: -32000)
    /// A photo, job or subscription with that id does not exist.
    public static let notFound = ErrorCode(rawValue: -32001)
    /// The content is not an image format the daemon stores (JPEG, PNG); the message says what it is.
    public static let unsupportedMedia = ErrorCode(rawValue: -32002)
    /// A bounded queue is full (ingest, speech recognition), the one microphone capture is in use, or a voice
    /// enrollment is running; retry later (the data field carries `retry_after_ms`).
    public static let busy = ErrorCode(rawValue: -32003)
    /// The image is unusable before it is stored: unreadable header, or over the pixel limit.
    public static let invalidImage = ErrorCode(rawValue: -32004)
    /// A path could not be read: missing, not a regular file, unreadable, or over the size limit.
    public static let fileAccess = ErrorCode(rawValue: -32005)
    /// A `photos.search` query did not parse; the message says where.
    public static let querySyntax = ErrorCode(rawValue: -32006)
    /// The operation is not possible in the item's current state (e.g. restoring a photo not in the trash).
    public static let conflict = ErrorCode(rawValue: -32007)
    /// A capability is not ready (no classifier model, no capture device, no SphinxTrain); the message says why.
    public static let unavailable = ErrorCode(rawValue: -32008)
    /// Audio that cannot be used for a voice command: not WAV, damaged, an unsupported encoding, or outside
    /// the limits (8–48 kHz, at most 30 s); the message says which and what to send instead.
    public static let invalidAudio = ErrorCode(rawValue: -32009)
    /// The disk (or quota) holding the data directory is full: nothing was stored. The data field carries
    /// `free_bytes` and the data directory's `path`; free space on that disk, then retry.
    public static let storageFull = ErrorCode(rawValue: -32010)

    public var description: String { String(rawValue) }
}
