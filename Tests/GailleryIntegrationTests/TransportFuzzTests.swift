import Foundation
import GailleryProtocol
import GailleryRPC
import GailleryTestSupport
import Testing

/// The socket fuzzer's hostile lines, replayed deterministically (seeded SplitMix64) against the real
/// daemon: truncated, bit-flipped, deeply nested, huge numbers, invalid UTF-8, NUL bytes, duplicate keys.
/// Each is answered with a JSON-RPC error or a valid result (or nothing, for what reads as a
/// notification), never a crash or a hang, and the daemon serves normally afterwards.
@Suite struct TransportFuzzTests {
    /// Valid requests to mutate: read-only methods only, so no mutation can change the library or wait.
    static let corpus = [
        #"{"jsonrpc":"2.0","id":1,"method":"daemon.status"}"#,
        #"{"jsonrpc":"2.0","id":"a","method":"photos.search","params":{"query":"dog | cat -beach","limit":5}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"photos.list","params":{"limit":10,"order":"taken"}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"photos.get","params":{"id":1}}"#,
        #"{"jsonrpc":"2.0","id":5,"method":"tags.list","params":{"prefix":"d","limit":3}}"#,
        #"{"jsonrpc":"2.0","id":6,"method":"jobs.list","params":{"state":"running"}}"#,
        #"[{"jsonrpc":"2.0","id":7,"method":"daemon.status"},{"jsonrpc":"2.0","id":8,"method":"trash.list"}]"#,
        #"{"jsonrpc":"2.0","id":9,"method":"rpc.discover"}"#,
    ]

    /// One hostile variant of `line`.
    static func mutate(_ line: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = line
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 9 {
        case 0:  // truncated
            bytes = Array(bytes[..<at])
        case 1:  // bit flips
            for _ in 0...(random.next() % 4) {
                let index = Int(random.next() % UInt64(bytes.count))
                bytes[index] ^= 1 << UInt8(random.next() % 8)
            }
        case 2:  // deeply nested arrays in place of a value, or around the message
            let depth = random.pick([100, 255, 256, 257, 511, 512, 513, 2000])
            let nested =
                Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
            if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
                let end = bytes[(colon + 1)...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") }
                bytes.replaceSubrange((colon + 1)..<(end ?? bytes.count), with: nested)
            } else {
                bytes = nested
            }
        case 3:  // huge, fractional and negative numbers for ids and integer params
            let number = random.pick([
                "1e400", "-1e400", "99999999999999999999", "1.5", "-0", "1e-400", "0.0", "-9223372036854775809",
                String(repeating: "9", count: 5000),
            ])
            let target = random.pick([#""id":"#, #""limit":"#])
            bytes = Array(
                String(decoding: bytes, as: UTF8.self).replacing(target, with: target + number + ",\"x\":").utf8)
        case 4:  // invalid UTF-8
            bytes.insert(
                contentsOf: random.pick([[0xFF], [0xC3, 0x28], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]),
                at: at)
        case 5:  // NUL bytes, raw and escaped
            bytes.insert(contentsOf: random.pick([[0x00], Array(#"\u0000"#.utf8)]), at: at)
        case 6:  // duplicate keys
            let key = random.pick([#""id":2,"#, #""method":"photos.get","#, #""params":{},"#, #""jsonrpc":"1.0","#])
            if let brace = bytes.firstIndex(of: UInt8(ascii: "{")) { bytes.insert(contentsOf: key.utf8, at: brace + 1) }
        case 7:  // a random byte spliced in
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
        default:  // two mutations
            bytes = mutate(mutate(bytes, &random), &random)
        }
        // One message per line: a newline byte would split it into two (both still answered, but the
        // sentinel accounting below counts lines).
        return bytes.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 }
    }

    /// Whether `line` is a JSON-RPC 2.0 response (result or error with an integer code and a message),
    /// a batch of them, or a notification from the daemon.
    static func isValidReply(_ line: Data) -> Bool {
        guard let value = try? JSONSerialization.jsonObject(with: line) else { return false }
        if let batch = value as? [Any] { return !batch.isEmpty && batch.allSatisfy(isValidResponse) }
        return isValidResponse(value)
    }

    private static func isValidResponse(_ value: Any) -> Bool {
        guard let object = value as? [String: Any], object["jsonrpc"] as? String == "2.0" else { return false }
        if object["method"] is String { return true }  // an event
        guard object.keys.contains("id") else { return false }
        if let error = object["error"] as? [String: Any] {
            return error["code"] is Int && (error["message"] as? String)?.isEmpty == false && object["result"] == nil
        }
        return object.keys.contains("result")
    }

    @Test(arguments: [0x5EED_0001, 0x5EED_0002] as [UInt64])
    func mutatedRequestsAreAnsweredAndTheDaemonGoesOn(seed: UInt64) throws {
        let daemon = try DaemonHarness().start()
        var random = SplitMix64(seed: seed)
        var socket = try LineSocket(path: daemon.socketPath)
        var answered = 0
        for round in 0..<300 {
            let original = random.pick(Self.corpus)
            let mutated = Self.mutate(Array(original.utf8), &random)
            let sentinel = #"{"jsonrpc":"2.0","id":"sentinel-\#(round)","method":"daemon.status"}"#
            try socket.send(bytes: mutated + [UInt8(ascii: "\n")] + Array(sentinel.utf8) + [UInt8(ascii: "\n")])
            // Replies to methods run as tasks may come after the sentinel's (JSON-RPC does not order
            // replies), so they are counted in whichever round they arrive.
            while true {
                guard let line = try socket.readLine() else {
                    Issue.record("the daemon closed the connection after \(String(decoding: mutated, as: UTF8.self))")
                    socket = try LineSocket(path: daemon.socketPath)
                    break
                }
                if line.range(of: Data("sentinel-\(round)\"".utf8)) != nil, Self.isValidReply(line) { break }
                #expect(
                    Self.isValidReply(line),
                    "\(String(decoding: mutated, as: UTF8.self)) → \(String(decoding: line, as: UTF8.self))")
                answered += 1
            }
        }
        // Most variants are requests that get an answer; a few read as notifications and get none.
        #expect(answered > 200 && answered <= 300)
        #expect(daemon.process?.isRunning == true)
        let status = try daemon.client().call(DaemonStatus.self, NoParams())
        #expect(status.pid == daemon.process?.processIdentifier)
        #expect(try daemon.client().call(PhotosSearch.self, .init(query: "dog")).photos.isEmpty)
    }
}
