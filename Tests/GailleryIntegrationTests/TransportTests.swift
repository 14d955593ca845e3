import Foundation
import GailleryProtocol
import GailleryRPC
import GailleryTestSupport
import Testing

/// JSON-RPC framing and error handling against the real daemon over its real socket.
@Suite struct TransportTests {
    @Test func malformedJSONGetsParseErrorAndTheConnectionStaysUsable() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let reply = try client.raw(#"{"jsonrpc":"2.0","id":1,"method":"daemon.status""#)
        #expect(reply["error"]?["code"] == .int(-32700))
        #expect(reply["id"] == .null)
        #expect(try client.call(DaemonStatus.self, NoParams()).version.isEmpty == false)
    }

    @Test(arguments: [
        (#"42"#, -32600), (#"{"id":1,"method":"daemon.status"}"#, -32600),
        (#"{"jsonrpc":"2.0","id":1,"method":7}"#, -32600),
        (#"{"jsonrpc":"2.0","id":true,"method":"daemon.status"}"#, -32600),
        (#"{"jsonrpc":"2.0","id":1,"method":"photos.frobnicate"}"#, -32601),
        (#"{"jsonrpc":"2.0","id":1,"method":"photos.get","params":{"id":"seven"}}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"photos.get","params":[7]}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"photos.get"}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"photos.list","params":{"limit":5000}}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"tags.list","params":{"prefx":"d"}}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"daemon.status","params":{"verbose":true}}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"photos.search","params":{"query":"dog &"}}"#, -32006),
        (#"{"jsonrpc":"2.0","id":1,"method":"photos.get","params":{"id":999}}"#, -32001),
        (#"[]"#, -32600),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"daemon.status"}"#, -32600),
        (#"{"jsonrpc":"2.0","id":99999999999999999999,"method":"daemon.status"}"#, -32600),
    ])
    func badRequestsGetTheirDocumentedCode(line: String, code: Int) throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let reply = try client.raw(line)
        #expect(reply["error"]?["code"] == .int(Int64(code)), "\(line) → \(reply)")
        if case .string(let message)? = reply["error"]?["message"] {
            #expect(message.count > 10)
        } else {
            Issue.record("no message")
        }
        #expect(try client.call(DaemonStatus.self, NoParams()).pid > 0)
    }

    @Test func wrongTypeNamesTheField() throws {
        let daemon = try DaemonHarness().start()
        let error = try daemon.client().raw(
            #"{"jsonrpc":"2.0","id":"a","method":"photos.wait","params":{"ids":[1],"timeout_ms":"soon"}}"#)
        #expect(error["id"] == .string("a"))
        guard case .string(let message)? = error["error"]?["message"] else { Issue.record("no message"); return }
        #expect(message.contains("params.timeout_ms"))
    }

    @Test func batchesAnswerEveryRequestAndSkipNotifications() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let reply = try client.raw(
            #"[{"jsonrpc":"2.0","id":1,"method":"daemon.status"},{"jsonrpc":"2.0","method":"daemon.status"},"#
                + #"{"jsonrpc":"2.0","id":2,"method":"nope"},5]"#)
        guard case .array(let items) = reply else { Issue.record("not an array: \(reply)"); return }
        #expect(items.count == 3)
        #expect(items.contains { $0["id"] == .int(1) && $0["result"] != nil })
        #expect(items.contains { $0["id"] == .int(2) && $0["error"]?["code"] == .int(-32601) })
        #expect(items.contains { $0["error"]?["code"] == .int(-32600) })
    }

    @Test func notificationsGetNoReply() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        try client.send(line: Data(#"{"jsonrpc":"2.0","method":"daemon.status"}"#.utf8))
        let reply = try client.raw(#"{"jsonrpc":"2.0","id":9,"method":"daemon.status"}"#)
        #expect(reply["id"] == .int(9))
    }

    @Test func oversizedLineIsRefusedAndTheDaemonStaysUp() throws {
        let daemon = try DaemonHarness(arguments: ["--max-line", "4096"]).start()
        let client = try daemon.client()
        let padding = String(repeating: "A", count: 100_000)
        let reply = try client.raw(
            #"{"jsonrpc":"2.0","id":1,"method":"photos.upload","params":{"data":"\#(padding)"}}"#)
        #expect(reply["error"]?["code"] == .int(-32600))
        #expect(reply["error"]?["data"]?["limit"] == .int(4096))
        #expect(try client.call(DaemonStatus.self, NoParams()).pid > 0)
        #expect(try daemon.client().call(DaemonStatus.self, NoParams()).pid > 0)
    }

    @Test func overTheInputBudgetTheLargestHalfSentMessageIsRefusedAndTheDaemonGoesOn() throws {
        let daemon = try DaemonHarness(arguments: ["--max-buffered-input", "1048576"]).start()
        let large = try LineSocket(path: daemon.socketPath)
        let small = try LineSocket(path: daemon.socketPath)
        try large.send(
            #"{"jsonrpc":"2.0","id":1,"method":"photos.upload","params":{"data":""#
                + String(repeating: "A", count: 800_000))
        try small.send(#"{"jsonrpc":"2.0","id":2,"method":"daemon.status","# + String(repeating: " ", count: 300_000))
        let refusal = try JSONDecoder().decode(JSONValue.self, from: try #require(try large.readLine()))
        #expect(refusal["error"]?["code"] == .int(-32600))
        #expect(refusal["error"]?["data"]?["limit"] == .int(1_048_576))
        #expect(try large.readLine() == nil)
        try small.send(#""params":{}}"# + "\n")
        let status = try JSONDecoder().decode(JSONValue.self, from: try #require(try small.readLine()))
        #expect(status["id"] == .int(2) && status["result"]?["pid"] != nil)
        #expect(daemon.log.contains("refused the client holding the most unfinished input"))
    }

    @Test(arguments: [
        (
            "photos.search", #"{"query":"\#(String(repeating: "dog | ", count: 1000))dog"}"#,
            "params.query is 6003 bytes"
        ),
        ("photos.upload", #"{"path":"/\#(String(repeating: "p", count: 5000))"}"#, "params.path is 5001 bytes"),
        ("photos.upload", #"{"data":"\#(String(repeating: "A", count: 1_400_000))"}"#, "params.data is 1400000 bytes"),
        (
            "photos.tag", #"{"id":1,"add":["\#(String(repeating: "t", count: 1_100_000))"]}"#,
            "params.add is 1100004 bytes"
        ),
    ])
    func aParameterOverItsLimitIsRefusedBeforeItIsRead(method: String, params: String, message: String) throws {
        let daemon = try DaemonHarness(arguments: ["--max-upload-bytes", "1000000"]).start()
        let client = try daemon.client()
        let reply = try client.raw(#"{"jsonrpc":"2.0","id":1,"method":"\#(method)","params":\#(params)}"#)
        #expect(reply["error"]?["code"] == .int(-32602), "\(reply)")
        guard case .string(let text)? = reply["error"]?["message"] else { Issue.record("\(reply)"); return }
        #expect(text.hasPrefix(method + ": " + message), "\(text)")
        #expect(try client.call(DaemonStatus.self, NoParams()).pid > 0)
    }

    @Test func anotherClientIsAnsweredWhileAHugeRequestIsSentAndRefused() throws {
        let daemon = try DaemonHarness().start()
        let huge = try LineSocket(path: daemon.socketPath)
        let other = try daemon.client()
        let query = String(repeating: "dog | ", count: 5 << 20)  // 30 MiB
        try huge.send(#"{"jsonrpc":"2.0","id":1,"method":"photos.search","params":{"query":""# + query)
        // The line is still being sent: the other client is served meanwhile.
        #expect(try other.call(DaemonStatus.self, NoParams()).pid > 0)
        try huge.send(#"dog"}}"# + "\n")
        #expect(try other.call(DaemonStatus.self, NoParams()).pid > 0)
        let refusal = try JSONDecoder().decode(JSONValue.self, from: try #require(try huge.readLine()))
        #expect(refusal["error"]?["code"] == .int(-32602))
        #expect(refusal["error"]?["data"]?["param"] == .string("query"))
    }

    @Test func rpcDiscoverServesTheSchemaFile() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let served = try client.call(RPCDiscover.self, NoParams())
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rpc-schema/openrpc.json")
        let file = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: schema))
        #expect(served == file)
        #expect(try client.call(RPCDiscover.self, NoParams()) == served)
    }

    @Test func aClientThatNeverReadsDoesNotStallOthers() throws {
        let daemon = try DaemonHarness().start()
        // A client that floods requests and never reads its replies.
        let socketPath = daemon.socketPath
        let request = Data(#"{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}"#.utf8)
        let floodThread = Thread {
            guard let flooder = try? RPCClient(socketPath: socketPath) else { return }
            for _ in 0..<20_000 { if (try? flooder.send(line: request)) == nil { return } }
        }
        floodThread.start()
        // Another client keeps getting answers.
        let other = try daemon.client()
        for _ in 0..<50 { #expect(try other.call(DaemonStatus.self, NoParams()).pid > 0) }
    }
}
