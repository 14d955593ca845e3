import Foundation
import GailleryProtocol
import Logging
import NIOEmbedded
import Testing

@testable import GailleryRPC

/// Messages Foundation's decoder refuses get an error that says why, with the right code; the pass
/// that finds the reason is not fooled by brackets, quotes and digits inside strings.
@Suite struct JSONProblemTests {
    static func find(_ bytes: [UInt8]) -> JSONProblem? {
        bytes.withUnsafeBytes { JSONProblem.find(in: $0) }
    }

    @Test func findsInvalidUTF8() {
        #expect(Self.find(Array(#"{"q":""#.utf8) + [0xFF, 0x22, 0x7D]) == .invalidUTF8(offset: 6, byte: 0xFF))
        // A lead byte without its continuation, after a valid two-byte character.
        #expect(Self.find(Array("{\"q\":\"é".utf8) + [0xE2, 0x28, 0x22, 0x7D]) == .invalidUTF8(offset: 8, byte: 0xE2))
    }

    @Test func findsNestingPastTheLimit() {
        let depth = JSONProblem.maximumDepth
        let deep =
            Array(repeating: UInt8(ascii: "["), count: depth + 1)
            + Array(repeating: UInt8(ascii: "]"), count: depth + 1)
        #expect(Self.find(deep) == .tooDeep(offset: depth))
        let atLimit =
            Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        #expect(Self.find(atLimit) == nil)
        // Brackets inside strings, escaped quotes included, are text.
        let quoted =
            #"{"a":"\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#
        #expect(Self.find(Array(quoted.utf8)) == nil)
    }

    @Test func findsNumbersOutOfRange() {
        #expect(Self.find(Array(#"{"limit":1e999}"#.utf8)) == .numberOutOfRange(offset: 9, text: "1e999"))
        #expect(Self.find(Array(#"{"limit":-2e400,"x":1}"#.utf8)) == .numberOutOfRange(offset: 9, text: "-2e400"))
        #expect(Self.find(Array(#"{"text":"1e999","n":123456789012345678901234567890}"#.utf8)) == nil)
    }

    @Test func validJSONHasNoProblem() {
        let message = #"{"jsonrpc":"2.0","id":1,"method":"m","params":{"text":"caf\u00e9 é [\"]","n":[1.5e3,-0.0,{}]}}"#
        #expect(Self.find(Array(message.utf8)) == nil)
    }

    // Through the router, as a client sees it.

    enum Echo: RPCMethod {
        static let method = "test.echo"
        struct Params: Codable, Sendable { var text: String; var limit: Int?; var ratio: Double?; var count: Int32? }
        struct Result: Codable, Sendable { var text: String }
    }

    static func reply(to line: [UInt8]) async throws -> (code: Int, message: String) {
        var router = RPCRouter(logger: Logger(label: "test"))
        router.registerImmediate(Echo.self) { params, _ in Echo.Result(text: params.text) }
        let connection = RPCConnection(id: 1, peerPID: 1, channel: EmbeddedChannel())
        let reply = try #require(await router.process(line: Data(line), connection: connection))
        let object = try #require(try JSONSerialization.jsonObject(with: reply) as? [String: Any])
        let error = try #require(object["error"] as? [String: Any])
        return (try #require(error["code"] as? Int), try #require(error["message"] as? String))
    }

    static func request(params: [UInt8]) -> [UInt8] {
        Array(#"{"jsonrpc":"2.0","id":1,"method":"test.echo","params":"#.utf8) + params + [UInt8(ascii: "}")]
    }

    @Test func invalidUTF8InParamsIsAParseErrorThatSaysSo() async throws {
        let (code, message) = try await Self.reply(
            to: Self.request(params: Array(#"{"text":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)))
        #expect(code == -32700)
        #expect(message == "test.echo: not valid UTF-8 (byte 0xFF at offset 63); send UTF-8 text")
    }

    @Test func invalidUTF8InTheHeaderIsAParseErrorThatSaysSo() async throws {
        // Foundation's decoder reads the header here (the scanner leaves non-ASCII to it) and only
        // fails the one member.
        let line =
            Array(#"{"jsonrpc":"2.0","id":1,"method":"test.e"#.utf8) + [0xFF]
            + Array(#"cho","params":{"text":"a"}}"#.utf8)
        let (code, message) = try await Self.reply(to: line)
        #expect(code == -32700)
        #expect(message == "the message cannot be read: not valid UTF-8 (byte 0xFF at offset 40); send UTF-8 text")
    }

    /// Messages around an invalid UTF-8 sequence (0xC3 0x28) in a member no decoder reads.
    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"a"},"x":""#, #""}"#),
        (#"{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"a","x":""#, #""}}"#),
        (#"{"jsonrpc":"2.0","id":1,"method":"test.echo","x":{"y":["é",""#, #""]},"params":{"text":"a"}}"#),
    ])
    func invalidUTF8InAMemberNobodyReadsIsAParseError(prefix: String, suffix: String) async throws {
        let line = Array(prefix.utf8) + [0xC3, 0x28] + Array(suffix.utf8)
        let (code, message) = try await Self.reply(to: line)
        #expect(code == -32700)
        #expect(message.contains("not valid UTF-8 (byte 0xC3 at offset \(prefix.utf8.count))"))
    }

    static let int64Range = "from -9223372036854775808 to 9223372036854775807"

    @Test(arguments: [
        (#""limit":1e999"#, "params.limit must be an integer \(int64Range); got 1e999"),
        (#""limit":-1e400"#, "params.limit must be an integer \(int64Range); got -1e400"),
        (#""limit":99999999999999999999"#, "params.limit must be an integer \(int64Range); got 99999999999999999999"),
        (#""limit":1.5"#, "params.limit must be an integer \(int64Range); got 1.5"),
        (#""count":4294967296"#, "params.count must be an integer from -2147483648 to 2147483647; got 4294967296"),
        (
            #""ratio":1e400"#,
            "params.ratio must be a number from -1.7976931348623157e+308 to 1.7976931348623157e+308; got 1e400"
        ),
    ])
    func aNumberOutOfItsRangeNamesTheFieldAndTheRange(member: String, message: String) async throws {
        let (code, text) = try await Self.reply(to: Self.request(params: Array((#"{"text":"a","# + member + "}").utf8)))
        #expect(code == -32602)
        #expect(text == "test.echo: " + message)
    }

    @Test func nestingTooDeepIsAParseErrorThatSaysSo() async throws {
        let deep = Array(repeating: UInt8(ascii: "["), count: 600) + Array(repeating: UInt8(ascii: "]"), count: 600)
        let inParams = try await Self.reply(
            to: Self.request(params: Array(#"{"text":"a","x":"#.utf8) + deep + [UInt8(ascii: "}")]))
        #expect(inParams.code == -32700)
        #expect(inParams.message.contains("nest more than 512 levels deep"))
        // Deep enough that the header pass gives up too.
        let whole = try await Self.reply(
            to: Array(#"{"jsonrpc":"2.0","id":1,"method":"test.echo","x":"#.utf8) + deep + [UInt8(ascii: "}")])
        #expect(whole.code == -32700)
        #expect(whole.message.contains("nest more than 512 levels deep"))
    }
}
