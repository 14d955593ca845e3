import Foundation
import GailleryProtocol
import Logging
import NIOPosix

/// The method table: maps each wire name to a typed handler. Built once at start-up, then immutable.
///
/// The router knows nothing of storage or models; the daemon registers closures that do. A handler is
/// asynchronous (run as a task on the cooperative pool), blocking (synchronous work that may wait on the
/// disk or the database, run on a thread pool straight from the event loop: one hop there and one back,
/// no task in between), or immediate (run right away on the connection's event loop; only for handlers
/// that answer from memory in microseconds).
package struct RPCRouter: Sendable {
    /// A type-erased handler: decodes its params from the whole request message and encodes its result.
    enum Handler: Sendable {
        /// Runs on the calling thread (the event loop), must not block.
        case immediate(@Sendable (Data, ParamsSpan, RPCConnection) throws -> Data)
        /// Runs as a task.
        case deferred(@Sendable (Data, ParamsSpan, RPCConnection) async throws -> Data)
        /// Runs on the thread pool.
        case blocking(NIOThreadPool, @Sendable (Data, ParamsSpan, RPCConnection) throws -> Data)
        /// Tries the first closure on the event loop (nil: it can't answer from memory), then runs the
        /// second on the thread pool.
        case memoryFirst(
            @Sendable (Data, ParamsSpan, RPCConnection) throws -> Data?, NIOThreadPool,
            @Sendable (Data, ParamsSpan, RPCConnection) throws -> Data)
    }

    private(set) var handlers: [String: Handler] = [:]
    let logger: Logger
    /// Turns an error a handler threw that is not an `RPCError` into one (nil: internal error), with the
    /// method name; set once by the daemon, so that a service error maps to the same wire code whichever
    /// handler met it (e.g. a full disk to "storage full").
    package var mapError: (@Sendable (any Error, String) -> RPCError?)?
    /// How large each parameter may be, checked before params are decoded (`ParameterLimits`).
    package var parameterLimits = ParameterLimits()
    /// Whether the daemon is shutting down; once it is, the methods in `refusedWhileStopping` (those that
    /// start work) are answered -32000 before their handler runs.
    package var isStopping: (@Sendable () -> Bool)?
    /// The methods refused with -32000 while `isStopping` says so.
    package var refusedWhileStopping: Set<String> = []

    /// An empty table; add methods with `register` and `registerImmediate`.
    package init(logger: Logger) {
        self.logger = logger
    }

    /// The registered wire names, sorted.
    package var methods: [String] { handlers.keys.sorted() }

    /// Registers `handler` for `M.method`, replacing any earlier one; it runs as a task.
    ///
    /// The handler may throw `RPCError` (sent with the method's name in front of its message, unless the
    /// message already starts with it); any other error goes through `mapError`, and what that does not
    /// map becomes `-32603 internal error` on the wire and is logged with the method name.
    package mutating func register<M: RPCMethod>(
        _: M.Type, _ handler: @escaping @Sendable (M.Params, RPCConnection) async throws -> M.Result
    ) {
        let cache = ParamsCache<M.Params>()
        handlers[M.method] = .deferred { message, span, connection in
            let params = try Self.params(M.self, message, span, cache)
            return try WireEncoder().encodeData(try await handler(params, connection))
        }
    }

    /// Registers a handler that answers from memory without blocking (no I/O, no waiting on locks held
    /// for long): it runs on the connection's event loop as soon as the request is read, which saves
    /// two thread hops per call. Errors are handled as for `register`.
    package mutating func registerImmediate<M: RPCMethod>(
        _: M.Type, _ handler: @escaping @Sendable (M.Params, RPCConnection) throws -> M.Result
    ) {
        let cache = ParamsCache<M.Params>()
        handlers[M.method] = .immediate { message, span, connection in
            let params = try Self.params(M.self, message, span, cache)
            return try WireEncoder().encodeData(try handler(params, connection))
        }
    }

    /// Registers an immediate handler (see `registerImmediate`) that returns its result already encoded.
    package mutating func registerImmediate<M: RPCMethod>(
        _: M.Type, encoded handler: @escaping @Sendable (M.Params, RPCConnection) throws -> EncodedJSON
    ) {
        let cache = ParamsCache<M.Params>()
        handlers[M.method] = .immediate { message, span, connection in
            let params = try Self.params(M.self, message, span, cache)
            return Data(try handler(params, connection).bytes)
        }
    }

    /// Registers a synchronous handler that may block (database reads, file system): it runs on `pool`,
    /// handed over directly by the event loop, and its reply is written back from there. When the pool
    /// has stopped (shutdown), the call is answered with -32000. Errors are handled as for `register`.
    package mutating func registerBlocking<M: RPCMethod>(
        _: M.Type, on pool: NIOThreadPool, _ handler: @escaping @Sendable (M.Params, RPCConnection) throws -> M.Result
    ) {
        let cache = ParamsCache<M.Params>()
        handlers[M.method] = .blocking(pool) { message, span, connection in
            let params = try Self.params(M.self, message, span, cache)
            return try WireEncoder().encodeData(try handler(params, connection))
        }
    }

    /// Registers a blocking handler (see `registerBlocking`) that returns its result already encoded.
    package mutating func registerBlocking<M: RPCMethod>(
        _: M.Type, on pool: NIOThreadPool,
        encoded handler: @escaping @Sendable (M.Params, RPCConnection) throws -> EncodedJSON
    ) {
        let cache = ParamsCache<M.Params>()
        handlers[M.method] = .blocking(pool) { message, span, connection in
            let params = try Self.params(M.self, message, span, cache)
            return Data(try handler(params, connection).bytes)
        }
    }

    /// Registers a blocking handler with a fast path: `fromMemory` runs first, on the event loop as an
    /// immediate handler does, and returns nil when it can't answer without blocking; then `handler`
    /// runs on `pool` as for `registerBlocking`. Both return the result already encoded, and must give
    /// the same answer for the same state. Errors from either are handled as for `register`.
    package mutating func registerBlocking<M: RPCMethod>(
        _: M.Type, on pool: NIOThreadPool,
        fromMemory: @escaping @Sendable (M.Params, RPCConnection) throws -> EncodedJSON?,
        _ handler: @escaping @Sendable (M.Params, RPCConnection) throws -> EncodedJSON
    ) {
        let cache = ParamsCache<M.Params>()
        handlers[M.method] = .memoryFirst(
            { message, span, connection in
                let params = try Self.params(M.self, message, span, cache)
                return try fromMemory(params, connection).map { Data($0.bytes) }
            }, pool,
            { message, span, connection in
                let params = try Self.params(M.self, message, span, cache)
                return Data(try handler(params, connection).bytes)
            })
    }

    /// `M`'s params from a request `message`, through the method's `cache`.
    private static func params<M: RPCMethod>(
        _: M.Type, _ message: Data, _ span: ParamsSpan, _ cache: ParamsCache<M.Params>
    ) throws -> M.Params {
        try ParamsDecoding.decode(
            M.Params.self, method: M.method, shape: span.shape, range: span.range, from: message, cache: cache)
    }
}
