/// A JSON-RPC error object `{code, message, data?}`, thrown by method handlers and sent on the wire.
public struct RPCError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    /// The error code (see `ErrorCode`).
    public var code: ErrorCode
    /// One sentence naming what was wrong and what to do.
    public var message: String
    /// Optional structured details (e.g. `{"column": 5}` for a query error).
    public var data: JSONValue?

    /// Creates an error object.
    public init(_ code: ErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { "\(message) (code \(code.rawValue))" }

    /// "params.x: ..." style invalid-params error.
    public static func invalidParams(_ message: String) -> RPCError { RPCError(.invalidParams, message) }
    /// A not-found error for a named item ("photo 42").
    public static func notFound(_ what: String) -> RPCError {
        RPCError(.notFound, "\(what) does not exist; list what exists with photos.list or jobs.list")
    }
}
