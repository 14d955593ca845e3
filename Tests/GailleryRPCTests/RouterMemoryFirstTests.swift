import Foundation
import GailleryProtocol
import Logging
import NIOEmbedded
import NIOPosix
import Testing

@testable import GailleryRPC

/// A memory-first handler answers on the calling thread when its fast path can, falls back to the
/// pool when it can't, and reports errors from either path the same way; its encoded result is sent
/// as it is.
@Suite struct RouterMemoryFirstTests {
    enum Lookup: RPCMethod {
        static let method = "test.lookup"
        struct Params: Codable, Sendable { var key: String }
        typealias Result = JSONValue
    }

    static func router(pool: NIOThreadPool) -> RPCRouter {
        var router = RPCRouter(logger: Logger(label: "test"))
        router.registerBlocking(
            Lookup.self, on: pool,
            fromMemory: { params, _ in
                if params.key == "bad" { throw RPCError.invalidParams("key must not be bad") }
                return params.key == "hot" ? EncodedJSON(bytes: Array(#"{"from":"memory"}"#.utf8)) : nil
            }
        ) { params, _ in
            guard params.key != "worse" else { throw RPCError.notFound("key \(params.key)") }
            return EncodedJSON(bytes: Array(#"{"from":"pool"}"#.utf8))
        }
        return router
    }

    static func line(_ key: String) -> Data {
        Data(#"{"jsonrpc":"2.0","id":3,"method":"test.lookup","params":{"key":"\#(key)"}}"#.utf8)
    }

    @Test func answersFromMemoryOrFallsBackToThePool() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let router = Self.router(pool: pool)
        let connection = RPCConnection(id: 1, peerPID: 1, channel: EmbeddedChannel())
        guard case .finished(let hot?) = router.route(line: Self.line("hot"), connection: connection) else {
            Issue.record("the memory path did not answer at once")
            return
        }
        #expect(String(decoding: hot, as: UTF8.self) == #"{"jsonrpc":"2.0","id":3,"result":{"from":"memory"}}"#)
        guard case .finished(let bad?) = router.route(line: Self.line("bad"), connection: connection) else {
            Issue.record("an error on the memory path was not answered at once")
            return
        }
        #expect(String(decoding: bad, as: UTF8.self).contains(#""id":3,"error":{"code":-32602"#))
        guard case .blocking = router.route(line: Self.line("cold"), connection: connection) else {
            Issue.record("a miss did not go to the pool")
            return
        }
        let cold = await router.process(line: Self.line("cold"), connection: connection)
        #expect(
            cold.map { String(decoding: $0, as: UTF8.self) } == #"{"jsonrpc":"2.0","id":3,"result":{"from":"pool"}}"#)
        let worse = await router.process(line: Self.line("worse"), connection: connection)
        #expect(worse.map { String(decoding: $0, as: UTF8.self).contains(#""error":{"code":-32001"#) } == true)
        try await pool.shutdownGracefully()
    }
}
