import Foundation
import GailleryProtocol
import Logging
import NIOEmbedded
import Testing

@testable import GailleryRPC

/// Each parameter's size is checked on the bytes before anything is decoded, and large messages are read
/// off the event loop.
@Suite struct ParameterLimitsTests {
    enum Echo: RPCMethod {
        static let method = "test.echo"
        struct Params: Codable, Sendable { var text: String?; var path: String?; var data: String?; var ids: [Int]? }
        struct Result: Codable, Sendable { var bytes: Int }
    }

    static func router(_ limits: ParameterLimits = ParameterLimits()) -> RPCRouter {
        var router = RPCRouter(logger: Logger(label: "test"))
        router.parameterLimits = limits
        router.registerImmediate(Echo.self) { params, _ in
            Echo.Result(bytes: [params.text, params.path, params.data].compactMap { $0?.utf8.count }.reduce(0, +))
        }
        return router
    }

    static func call(_ params: String, router: RPCRouter = router()) async throws -> JSONValue {
        let line = #"{"jsonrpc":"2.0","id":1,"method":"test.echo","params":"# + params + "}"
        let connection = RPCConnection(id: 1, peerPID: 1, channel: EmbeddedChannel())
        let reply = try #require(await router.process(line: Data(line.utf8), connection: connection))
        return try JSONDecoder().decode(JSONValue.self, from: reply)
    }

    @Test func aStringOverItsLimitIsRefusedNamingItAndTheLimit() async throws {
        let reply = try await Self.call(#"{"text":""# + String(repeating: "q", count: 5000) + #""}"#)
        #expect(reply["error"]?["code"] == .int(-32602))
        #expect(
            reply["error"]?["message"]
                == .string(
                    "test.echo: params.text is 5000 bytes, over the 4096-byte limit for this string; send a shorter one"
                ))
        #expect(
            reply["error"]?["data"] == .object(["param": .string("text"), "limit": .int(4096), "size": .int(5000)]))
        let within = try await Self.call(#"{"text":""# + String(repeating: "q", count: 4096) + #""}"#)
        #expect(within["result"]?["bytes"] == .int(4096))
    }

    @Test func escapesAreMeasuredAsTheTextTheyMean() async throws {
        // 1000 × `\u0041` is 6000 bytes as sent and 1000 as meant.
        let reply = try await Self.call(#"{"text":""# + String(repeating: #"\u0041"#, count: 1000) + #""}"#)
        #expect(reply["result"]?["bytes"] == .int(1000))
        let over = try await Self.call(#"{"text":""# + String(repeating: #"\u00e9"#, count: 2100) + #""}"#)
        #expect(over["error"]?["code"] == .int(-32602))
    }

    @Test func pathsAreBoundedByPATHMAX() async throws {
        let reply = try await Self.call(#"{"path":"/"# + String(repeating: "p", count: 4095) + #""}"#)
        #expect(reply["error"]?["code"] == .int(-32602))
        guard case .string(let message)? = reply["error"]?["message"] else { Issue.record("\(reply)"); return }
        #expect(message.contains("params.path is 4096 bytes, longer than any path can be (4095 bytes, PATH_MAX)"))
        let within = try await Self.call(#"{"path":"/"# + String(repeating: "p", count: 4094) + #""}"#)
        #expect(within["result"]?["bytes"] == .int(4095))
    }

    @Test func arraysHaveTheirOwnLimitAndAMethodItsOwnForData() async throws {
        let ids = "[" + Array(repeating: "1234567", count: 10_000).joined(separator: ",") + "]"
        #expect(try await Self.call(#"{"ids":"# + ids + "}")["error"] == nil)
        var limits = ParameterLimits()
        limits.container = 1000
        limits.set(Echo.method, "data", bytes: ParameterLimits.base64Length(of: 3000))
        #expect(ParameterLimits.base64Length(of: 3000) == 4000)
        let refused = try await Self.call(#"{"ids":"# + ids + "}", router: Self.router(limits))
        #expect(refused["error"]?["data"]?["param"] == .string("ids"))
        let data = String(repeating: "A", count: 4000)
        #expect(try await Self.call(#"{"data":""# + data + #""}"#, router: Self.router(limits))["error"] == nil)
        let tooMuch = try await Self.call(#"{"data":""# + data + #"AAAA"}"#, router: Self.router(limits))
        guard case .string(let message)? = tooMuch["error"]?["message"] else { Issue.record("\(tooMuch)"); return }
        #expect(message.contains("params.data is 4004 bytes, over the 4000-byte limit"))
        #expect(message.contains("--max-upload-bytes"))
    }

    @Test func anEscapedNameGetsTheDefaultLimit() async throws {
        var limits = ParameterLimits()
        limits.set(Echo.method, "data", bytes: .max)
        let reply = try await Self.call(
            #"{"\u0064ata":""# + String(repeating: "A", count: 5000) + #""}"#, router: Self.router(limits))
        #expect(reply["error"]?["code"] == .int(-32602))
    }

    @Test func largeMessagesAreRoutedOffTheEventLoop() {
        let router = Self.router()
        let connection = RPCConnection(id: 1, peerPID: 1, channel: EmbeddedChannel())
        let small = #"{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"a"}}"#
        guard case .finished = router.route(line: Data(small.utf8), connection: connection) else {
            Issue.record("a small message to an immediate handler is answered on the spot")
            return
        }
        let large =
            #"{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":""#
            + String(repeating: "q", count: 70_000) + #""}}"#
        guard case .pending = router.route(line: Data(large.utf8), connection: connection) else {
            Issue.record("a 70 kB message must not be read on the event loop")
            return
        }
    }
}
