import Foundation
import GailleryProtocol
import Logging
import NIOConcurrencyHelpers
import GailleryTestSupport
import Testing

@testable import GailleryRPC

/// The bytes of unfinished lines are bounded across connections: over the budget, the connection holding
/// the most is refused with -32600 and closed, and the others go on.
@Suite struct InputBudgetTests {
    @Test func theLargestHolderIsRefusedOnceTheTotalPassesTheLimit() {
        let budget = InputBudget(limit: 1000)
        let refused = NIOLockedValueBox<[(id: Int, held: Int, total: Int)]>([])
        for id in 1...3 {
            budget.open(id) { held, total in refused.withLockedValue { $0.append((id, held, total)) } }
        }
        budget.update(1, holding: 300)
        budget.update(2, holding: 600)
        budget.update(3, holding: 100)
        #expect(refused.withLockedValue { $0.isEmpty })
        #expect(budget.total == 1000)
        budget.update(1, holding: 350)
        #expect(refused.withLockedValue { $0.map(\.id) } == [2])
        #expect(refused.withLockedValue { $0.first?.held } == 600)
        #expect(refused.withLockedValue { $0.first?.total } == 1050)
        #expect(budget.total == 450)
        // A refused connection no longer counts, however much its decoder still reports.
        budget.update(2, holding: 5000)
        #expect(budget.total == 450)
        budget.close(1)
        #expect(budget.total == 100)
        budget.update(3, holding: 1000)
        #expect(refused.withLockedValue { $0.count } == 1)
    }

    enum Echo: RPCMethod {
        static let method = "test.echo"
        struct Params: Codable, Sendable { var text: String }
        struct Result: Codable, Sendable { var length: Int }
    }

    /// Runs `body` with the path of a real server on a temporary socket with a 1 MiB input budget.
    static func withServer(_ body: @escaping @Sendable (String) throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "gaillery-budget-\(UUID().uuidString.prefix(8))"
        let path = directory + "/rpc.sock"
        var configuration = RPCServer.Configuration()
        configuration.maxBufferedInput = 1 << 20
        let server = RPCServer(listener: .path(path), configuration: configuration, logger: Logger(label: "test"))
        var router = RPCRouter(logger: Logger(label: "test"))
        router.registerImmediate(Echo.self) { params, _ in Echo.Result(length: params.text.count) }
        try await server.start(router: router)
        // The body blocks on socket reads: it runs on a thread of its own, so that it never holds one of
        // the few cooperative threads the server's tasks (and other tests running in parallel) need.
        let outcome: Result<Void, any Error> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { try body(path) }) }.start()
        }
        await server.close()
        try? FileManager.default.removeItem(atPath: directory)
        try outcome.get()
    }

    @Test func overTheBudgetTheLargestHalfSentLineIsRefusedAndTheOthersAreServed() async throws {
        try await Self.withServer { path in try Self.refuseTheLargest(path) }
    }

    static func refuseTheLargest(_ path: String) throws {
        let large = try LineSocket(path: path)
        let small = try LineSocket(path: path)
        // 800 kB of one unfinished line, then 300 kB of another: together over the 1 MiB budget.
        try large.send(
            #"{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":""# + String(repeating: "a", count: 800_000)
        )
        try small.send(#"{"jsonrpc":"2.0","id":2,"method":"test.echo","# + String(repeating: " ", count: 300_000))
        let refusal = try JSONDecoder().decode(JSONValue.self, from: try #require(try large.readLine()))
        #expect(refusal["error"]?["code"] == .int(-32600))
        #expect(refusal["id"] == .null)
        guard case .string(let message)? = refusal["error"]?["message"] else {
            Issue.record("no message: \(refusal)")
            return
        }
        #expect(message.contains("1048576-byte input budget"))
        #expect(message.contains("--max-buffered-input"))
        #expect(try large.readLine() == nil)  // closed
        try small.send(#""params":{"text":"bb"}}"# + "\n")
        let answer = try JSONDecoder().decode(JSONValue.self, from: try #require(try small.readLine()))
        #expect(answer["id"] == .int(2))
        #expect(answer["result"]?["length"] == .int(2))
    }
}
