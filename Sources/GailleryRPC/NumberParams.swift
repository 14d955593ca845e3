import Foundation
import GailleryProtocol

/// Names the parameter whose number does not fit its type, and the range that does.
///
/// Foundation's decoder refuses `{"limit": 1e400}` or `{"limit": 99999999999999999999}` as a whole
/// ("The given data was not valid JSON.", with no field), and `{"limit": 1.5}` with a Swift-centred
/// message. On that error path only, this reads the numbers of the params object's own members and asks
/// the params type which Swift type each member is (by decoding it once from a probe decoder that hands
/// out placeholder values), so the reply can say `params.limit must be an integer from … to …; got 1e400`.
enum NumberParams {
    /// The error for the first top-level member of the params object in `bytes` whose number does not
    /// fit the type `P` gives it; nil when every number fits (the decoding error is something else).
    static func problem<P: Decodable>(_: P.Type, method: String, params bytes: UnsafeRawBufferPointer) -> RPCError? {
        guard let numbers = numbers(in: bytes), !numbers.isEmpty else { return nil }
        let probe = TypeProbe()
        _ = try? P(from: probe)
        for (key, text) in numbers {
            let shown = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
            guard let camel = FlatParams.camelCase(key) else { continue }
            switch probe.types.value[camel] {
            case .integer(let minimum, let maximum, let parse)?:
                if !parse(text) {
                    return RPCError.invalidParams(
                        "\(method): params.\(key) must be an integer from \(minimum) to \(maximum); got \(shown)")
                }
            case .floatingPoint?, nil:
                if let value = Double(text), !value.isFinite {
                    return RPCError.invalidParams(
                        "\(method): params.\(key) must be a number from -\(Double.greatestFiniteMagnitude) to "
                            + "\(Double.greatestFiniteMagnitude); got \(shown)")
                }
            }
        }
        return nil
    }

    /// The members of the object in `bytes` whose values are numbers, as written; nil when the bytes are
    /// not an object with plain member names.
    static func numbers(in bytes: UnsafeRawBufferPointer) -> [(key: String, text: String)]? {
        var numbers: [(key: String, text: String)] = []
        var cursor = RequestScanner.Cursor(bytes: bytes)
        cursor.skipSpace()
        guard cursor.peek == UInt8(ascii: "{") else { return nil }
        do {
            try cursor.skipContainer(close: UInt8(ascii: "}"), depth: 0) { cursor throws(RequestScanner.Failure) in
                let key = try cursor.readPlainString()
                cursor.skipSpace()
                try cursor.expect(UInt8(ascii: ":"))
                cursor.skipSpace()
                let start = cursor.index
                let isNumber = cursor.peek.map { $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) } ?? false
                try cursor.skipValue(depth: 1)
                if isNumber {
                    let text = UnsafeRawBufferPointer(rebasing: bytes[start..<cursor.index])
                    numbers.append((key, String(decoding: text, as: UTF8.self)))
                }
            }
        } catch {
            return nil
        }
        return numbers
    }
}

/// What a member's Swift type accepts.
private enum NumberKind {
    /// A fixed-width integer: its bounds, and whether a text parses as one.
    case integer(minimum: String, maximum: String, parse: (String) -> Bool)
    /// `Double` or `Float`.
    case floatingPoint

    static func of<T: FixedWidthInteger>(_: T.Type) -> NumberKind {
        .integer(minimum: "\(T.min)", maximum: "\(T.max)", parse: { T($0, radix: 10) != nil })
    }
}

/// A decoder that records the type asked for at each top-level key and hands out placeholders, so that
/// a params type's synthesized `init(from:)` reveals its members' types. Nested values get their own
/// probe, whose findings are not kept.
private final class TypeProbe: Decoder {
    /// The kinds by member name, as the params type spells its coding keys.
    final class Types { var value: [String: NumberKind] = [:] }

    let types: Types
    let records: Bool
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(types: Types = Types(), records: Bool = true) {
        self.types = types
        self.records = records
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(ProbeContainer<Key>(probe: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { EmptyProbeArray() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw FlatParams.GiveUp() }

    func record(_ key: some CodingKey, _ kind: NumberKind) {
        if records { types.value[key.stringValue] = kind }
    }
}

private struct EmptyProbeArray: UnkeyedDecodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }
    mutating func decodeNil() throws -> Bool { throw FlatParams.GiveUp() }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { throw FlatParams.GiveUp() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    { throw FlatParams.GiveUp() }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { throw FlatParams.GiveUp() }
    mutating func superDecoder() throws -> any Decoder { throw FlatParams.GiveUp() }
}

private struct ProbeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let probe: TypeProbe
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { "" }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { false }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { floating(key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { floating(key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { integer(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: TypeProbe(records: false))
    }

    private func integer<T: FixedWidthInteger>(_ key: Key) -> T {
        probe.record(key, .of(T.self))
        return 0
    }

    private func floating<T: BinaryFloatingPoint>(_ key: Key) -> T {
        probe.record(key, .floatingPoint)
        return 0
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    { KeyedDecodingContainer(ProbeContainer<NestedKey>(probe: TypeProbe(records: false))) }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { EmptyProbeArray() }
    func superDecoder() throws -> any Decoder { TypeProbe(records: false) }
    func superDecoder(forKey key: Key) throws -> any Decoder { TypeProbe(records: false) }
}
