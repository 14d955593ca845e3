import Foundation
import GailleryProtocol
import Logging
import NIOEmbedded
import NIOPosix
import Testing

@testable import GailleryRPC

/// The three kinds of handler answer alike (alone and in a batch); only where they run differs. A
/// blocking handler whose pool has stopped is answered "shutting down".
@Suite struct RouterHandlerKindsTests {
    enum Echo: RPCMethod {
        static let method = "test.echo"
        struct Params: Codable, Sendable { var text: String }
        struct Result: Codable, Sendable { var text: String; var kind: String }
    }
    enum Immediate: RPCMethod {
        static let method = "test.immediate"
        typealias Params = Echo.Params
        typealias Result = Echo.Result
    }
    enum Blocking: RPCMethod {
        static let method = "test.blocking"
        typealias Params = Echo.Params
        typealias Result = Echo.Result
    }

    static func router(pool: NIOThreadPool) -> RPCRouter {
        var router = RPCRouter(logger: Logger(label: "test"))
        router.register(Echo.self) { params, _ in Echo.Result(text: params.text, kind: "deferred") }
        router.registerImmediate(Immediate.self) { params, _ in Echo.Result(text: params.text, kind: "immediate") }
        router.registerBlocking(Blocking.self, on: pool) { params, _ in
            guard !params.text.isEmpty else { throw RPCError.invalidParams("text must not be empty") }
            return Echo.Result(text: params.text, kind: "blocking")
        }
        return router
    }

    static func request(_ method: String, _ id: Int, _ text: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":{"text":"\#(text)"}}"#
    }

    static func process(_ router: RPCRouter, _ line: String) async -> String? {
        let connection = RPCConnection(id: 1, peerPID: 1, channel: EmbeddedChannel())
        return await router.process(line: Data(line.utf8), connection: connection).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    @Test func everyKindAnswersAloneAndInABatch() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let router = Self.router(pool: pool)
        for (method, kind) in [
            ("test.echo", "deferred"), ("test.immediate", "immediate"), ("test.blocking", "blocking"),
        ] {
            let reply = await Self.process(router, Self.request(method, 7, "hi"))
            #expect(reply == #"{"jsonrpc":"2.0","id":7,"result":{"text":"hi","kind":"\#(kind)"}}"#)
        }
        let batch =
            "["
            + [
                Self.request("test.blocking", 1, "a"), Self.request("test.immediate", 2, "b"),
                Self.request("test.blocking", 3, ""),
            ].joined(separator: ",") + "]"
        let reply = try #require(await Self.process(router, batch))
        #expect(reply.contains(#""id":1,"result":{"text":"a","kind":"blocking"}"#))
        #expect(reply.contains(#""id":2,"result":{"text":"b","kind":"immediate"}"#))
        #expect(reply.contains(#""id":3,"error":{"code":-32602"#))
        try await pool.shutdownGracefully()
    }

    @Test func aStoppedPoolAnswersShuttingDown() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        try await pool.shutdownGracefully()
        let reply = try #require(await Self.process(Self.router(pool: pool), Self.request("test.blocking", 9, "x")))
        #expect(reply.contains(#""id":9,"error":{"code":-32000"#))
    }
}
