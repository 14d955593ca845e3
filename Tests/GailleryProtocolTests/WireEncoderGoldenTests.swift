import Foundation
import Testing

@testable import GailleryProtocol

/// Exact wire text: members in declaration order, and scalars exactly as Foundation writes them.
@Suite struct WireEncoderGoldenTests {
    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try WireEncoder().encode(value), as: UTF8.self)
    }

    @Test func paramsUseSnakeCaseDeclarationOrderAndOmitNil() throws {
        #expect(try Self.text(PhotosUpload.Params(path: "/a/b.jpg")) == #"{"path":"/a/b.jpg"}"#)
        #expect(
            try Self.text(PhotosSearch.Params(query: "dog", minConfidence: 0.5))
                == #"{"query":"dog","min_confidence":0.5}"#)
        #expect(try Self.text(PhotosWait.Params(ids: [1, 2], timeoutMs: 10)) == #"{"ids":[1,2],"timeout_ms":10}"#)
        #expect(try Self.text(NoParams()) == "{}")
        #expect(try Self.text(PhotoPage(photos: [], nextCursor: nil)) == #"{"photos":[]}"#)
    }

    @Test func daemonStatusText() throws {
        let expected =
            #"{"version":"0.4.0","pid":4242,"uptime_s":3712.482913,"socket":"/run/user/1000/gaillery.sock","#
            + #""data_dir":"/home/ann/.local/share/gaillery","photos":{"total":1234,"trashed":12,"queued":3,"#
            + #""processing":2,"done":1200,"failed":17},"queue":{"depth":5,"capacity":256,"workers":2},"#
            + #""classifier":{"ready":true,"model":"mobilenet_v2"},"connections":1}"#
        #expect(try Self.text(WireSamples.daemonStatus(ready: true)) == expected)
    }

    @Test func errorObjectText() throws {
        let error = RPCError(.querySyntax, "unclosed \"(\"", data: .object(["column": .int(5)]))
        #expect(try Self.text(error) == #"{"code":-32006,"message":"unclosed \"(\"","data":{"column":5}}"#)
        #expect(try WireCoding.decoder().decode(RPCError.self, from: try WireEncoder().encodeData(error)) == error)
    }

    @Test(arguments: [(RequestID.number(7), "7"), (.string("abc"), #""abc""#), (.null, "null")])
    func requestIDText(id: RequestID, text: String) throws {
        #expect(try Self.text(id) == text)
    }

    @Test(arguments: [
        ("uptimeS", "uptime_s"), ("byteSize", "byte_size"), ("nextCursor", "next_cursor"),
        ("minConfidence", "min_confidence"), ("timeoutMs", "timeout_ms"), ("myURLProperty", "my_url_property"),
        ("URLValue", "u_rl_value"), ("ID", "i_d"), ("userID", "user_id"), ("_oneTwo_", "_one_two_"),
        ("already_snake", "already_snake"), ("camelCase2Go", "camel_case2_go"), ("x1Y", "x1_y"), ("", ""),
        ("ÀbcDéf", "àbc_déf"), ("aǅb", "a_ǆb"), ("fooBAR", "foo_bar"), ("HTTPServerURL", "h_ttp_server_url"),
    ])
    func snakeCaseMatchesFoundation(key: String, expected: String) throws {
        #expect(WireSnakeCase.convert(key) == expected)
        #expect(try WireKeyProbe.foundationKey(key) == expected)
        #expect(try WireKeyProbe.wireKey(key) == expected)
    }

    @Test(arguments: [
        0.0, -0.0, 0.1, 0.5, 1, -1.5, 12.5, 100, 1e-7, 123456789.125, 0.30000000000000004, 3712.482913,
        1e15, 4503599627370496, 9007199254740992, 9007199254740994, 1e16, 1e21, 1e22, .leastNonzeroMagnitude,
        2.2250738585072014e-308,
        Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, Double(Float(0.1)), 1.0 / 3.0,
    ])
    func doubleTextMatchesFoundation(value: Double) throws {
        #expect(try Self.text(value) == String(decoding: try WireCompare.foundation(value), as: UTF8.self))
        #expect(try Self.text([value]) == String(decoding: try WireCompare.foundation([value]), as: UTF8.self))
        let decoded = try JSONDecoder().decode(Double.self, from: Data(try WireEncoder().encode(value)))
        #expect(decoded.bitPattern == value.bitPattern)
    }

    @Test(arguments: [Float(0.1), 1, -0, 1e20, 3.4028235e38, 16_777_216, 8_388_607, .leastNonzeroMagnitude, 0.333333])
    func floatTextMatchesFoundation(value: Float) throws {
        #expect(try Self.text(value) == String(decoding: try WireCompare.foundation(value), as: UTF8.self))
    }

    @Test func integerTextMatchesFoundation() throws {
        let signed: [Int64] = [0, -1, 9, 10, 99, 100, 999, 1000, 12345, -98765, Int64.max, Int64.min, Int64(Int32.min)]
        for value in signed { try WireCompare.expectSame(value) }
        try WireCompare.expectSame([UInt64.max, 0, 1, 10_000_000_000_000_000_000])
        try WireCompare.expectSame([Int8.min, Int8.max])
        try WireCompare.expectSame([UInt8.max, 0])
        try WireCompare.expectSame([Int16.min, Int16.max])
        try WireCompare.expectSame([UInt32.max])
        try WireCompare.expectSame([Int.min, Int.max])
        #expect(try Self.text(Int64.min) == "-9223372036854775808")
        #expect(try Self.text(UInt64.max) == "18446744073709551615")
    }

    @Test func wideIntegersMatchFoundation() throws {
        guard #available(macOS 15, *) else { return }
        try WireCompare.expectSame([Int128.min, Int128.max, 0])
        try WireCompare.expectSame([UInt128.max])
        try WireCompare.expectSame(WireWide(signed: Int128.min, unsigned: UInt128.max))
    }

    static let edgeStrings: [String] = [
        "", "a", "/", "a/b", "\"", "\\", "\\\"", "tab\there", "line\nbreak", "\r\n", "\u{0}", "\u{1}\u{1f}",
        "\u{7f}", "\u{8}\u{c}", "\u{2028}\u{2029}", "é", "😀", "👩‍👩‍👧", "日本語", "mixed \"q\" \\ / 😀 \u{0}",
        String(repeating: "x", count: 7), String(repeating: "y", count: 8), String(repeating: "z", count: 9),
        String(repeating: "ab\"", count: 11), String(repeating: "plain-ascii_", count: 20),
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }),
    ]

    @Test(arguments: edgeStrings)
    func stringTextMatchesFoundation(value: String) throws {
        #expect(try Self.text(value) == String(decoding: try WireCompare.foundation(value), as: UTF8.self))
        #expect(try JSONDecoder().decode(String.self, from: try WireEncoder().encodeData(value)) == value)
    }

    @Test func boolAndNullText() throws {
        #expect(try Self.text([true, false]) == "[true,false]")
        #expect(try Self.text([Int?.none, 1]) == "[null,1]")
        #expect(try Self.text(JSONValue.null) == "null")
    }

    @Test func appendingKeepsThePrefix() throws {
        var buffer = Array(#"{"id":1,"result":"#.utf8)
        try WireEncoder().encode(PhotosImport.Result(job: 4), appendingTo: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"{"id":1,"result":{"job":4}"#)
        #expect(throws: EncodingError.self) { try WireEncoder().encode([Double.nan], appendingTo: &buffer) }
        #expect(String(decoding: buffer, as: UTF8.self) == #"{"id":1,"result":{"job":4}"#)
    }
}

/// `Int128`/`UInt128` members, which synthesized code encodes through their own overloads.
@available(macOS 15, *)
struct WireWide: Encodable {
    var signed: Int128
    var unsigned: UInt128
}

/// Encodes one member under an arbitrary key, to see how each encoder converts it.
struct WireKeyProbe: Encodable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let key: String

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(1, forKey: Key(stringValue: key))
    }

    /// The key as Foundation writes it.
    static func foundationKey(_ key: String) throws -> String {
        try onlyKey(WireCompare.foundation(WireKeyProbe(key: key)))
    }

    /// The key as `WireEncoder` writes it.
    static func wireKey(_ key: String) throws -> String {
        try onlyKey(WireEncoder().encode(WireKeyProbe(key: key)))
    }

    private static func onlyKey(_ bytes: [UInt8]) throws -> String {
        let object = try JSONDecoder().decode([String: Int].self, from: Data(bytes))
        return try #require(object.keys.first)
    }
}
