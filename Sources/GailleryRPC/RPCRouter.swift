import Foundation
import GailleryProtocol
import Logging

/// The method table: maps each wire name to a typed handler. Built once at start-up, then immutable.
///
/// The router knows nothing of storage or models; the daemon registers closures that do.
package struct RPCRouter: Sendable {
    /// A type-erased handler: decodes its params from the whole request message and encodes its result.
    typealias Handler = @Sendable (Data, ParamsShape, RPCConnection) async throws -> Data

    private(set) var handlers: [String: Handler] = [:]
    let logger: Logger

    /// An empty table; add methods with `register`.
    package init(logger: Logger) {
        self.logger = logger
    }

    /// The registered wire names, sorted.
    package var methods: [String] { handlers.keys.sorted() }

    /// Registers `handler` for `M.method`, replacing any earlier one.
    ///
    /// The handler may throw `RPCError` (sent as is); any other error becomes `-32603 internal error`
    /// on the wire and is logged with the method name.
    package mutating func register<M: RPCMethod>(
        _: M.Type, _ handler: @escaping @Sendable (M.Params, RPCConnection) async throws -> M.Result
    ) {
        handlers[M.method] = { message, shape, connection in
            let params = try ParamsDecoding.decode(M.Params.self, method: M.method, shape: shape, from: message)
            let result = try await handler(params, connection)
            return try WireEncoder().encodeData(result)
        }
    }
}
