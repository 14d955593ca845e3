import Foundation

/// One JSON-RPC method: its wire name and its parameter and result types.
///
/// Each method lives in its own file under `Methods/`, as an enum conforming to this protocol with
/// nested `Params` and `Result` types (the layout of swift-tools-protocols' requests).
public protocol RPCMethod: Sendable {
    /// The parameters (by name). Every field a client may omit is optional.
    associatedtype Params: Codable & Sendable
    /// The result object.
    associatedtype Result: Codable & Sendable
    /// The wire name, e.g. `"photos.search"`.
    static var method: String { get }
}

/// Parameters for methods that take none: no params, or an empty object (the daemon refuses members
/// its OpenRPC document does not list).
public struct NoParams: Codable, Sendable, Equatable {
    public init() {}
}

/// The wire's key style: snake_case field names, ISO dates as strings, no escaped slashes.
public enum WireCoding {
    /// A new encoder configured for the wire.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// A new decoder configured for the wire.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }
}
