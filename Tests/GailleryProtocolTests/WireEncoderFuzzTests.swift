import Foundation
import Testing
import GailleryTestSupport

@testable import GailleryProtocol

/// Random values (from fixed seeds, so failures repeat) encode as Foundation encodes them.
@Suite struct WireEncoderFuzzTests {
    @Test(arguments: 0..<8)
    func randomJSONTreesMatchFoundation(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        for _ in 0..<60 {
            let tree = random.tree(depth: 4)
            try WireCompare.expectSame(tree)
            try WireCompare.expectSame(EventNotification(topic: random.string(), data: tree))
        }
    }

    @Test func randomDoublesMatchFoundation() throws {
        var random = SplitMix64(seed: 42)
        var values: [Double] = []
        while values.count < 2000 {
            let value = Double(bitPattern: random.next())
            if value.isFinite { values.append(value) }
            values.append(Double(Int64(truncatingIfNeeded: random.next()) >> (random.next() % 64)))
            values.append(Double(random.next() % 1_000_000) / 1000)
        }
        try WireCompare.expectSame(values)
        try WireCompare.expectSame(values.map { Float($0) }.filter(\.isFinite))
    }

    @Test func randomKeysConvertAsFoundationDoes() throws {
        var random = SplitMix64(seed: 7)
        let alphabet = Array("aAbBzZ09_xYURLIDéÉǅǆß\"\\\n/")
        for _ in 0..<400 {
            let key = String(
                (0..<(random.next() % 9)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            #expect(try WireKeyProbe.wireKey(key) == WireKeyProbe.foundationKey(key), "key \(key)")
        }
    }
}

/// Random JSON built from the seeded generator.
extension SplitMix64 {
    /// A string of 0 to 23 characters mixing plain ASCII, characters that need escaping and non-ASCII.
    mutating func string() -> String {
        let pieces = [
            "a", "Z", "/", "\"", "\\", "\n", "\t", "\u{0}", "\u{1f}", "\u{7f}", "é", "😀", "日", "camelCase", " ",
        ]
        return (0..<(next() % 24)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
    }

    /// A random finite double: any bit pattern, an integer, or a short decimal.
    mutating func double() -> Double {
        switch next() % 3 {
        case 0:
            let value = Double(bitPattern: next())
            return value.isFinite ? value : 0.5
        case 1: return Double(Int32(truncatingIfNeeded: next()))
        default: return Double(Int(next() % 100_000)) / 100
        }
    }

    /// A random JSON tree at most `depth` containers deep.
    mutating func tree(depth: Int) -> JSONValue {
        switch next() % (depth > 0 ? 8 : 6) {
        case 0: return .null
        case 1: return .bool(next() % 2 == 0)
        case 2: return .int(Int64(bitPattern: next()) >> (next() % 64))
        case 3: return .double(double())
        case 4, 5: return .string(string())
        case 6: return .array((0..<(next() % 5)).map { _ in tree(depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<(next() % 5) { members[string()] = tree(depth: depth - 1) }
            return .object(members)
        }
    }
}
