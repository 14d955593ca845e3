import Foundation

/// The members of a flat `params` object (strings without escapes, numbers, booleans, null), read
/// straight from the request's bytes, and a `Decoder` over them: most calls' params are such objects,
/// and Foundation's `JSONDecoder` costs more than the rest of a small call.
///
/// It only takes the plain case: keys of lowercase ASCII letters, digits and single inner underscores
/// (converted as `.convertFromSnakeCase` does: `min_confidence` → `minConfidence`), each once; values
/// as above. Anything else (nested values, escapes, non-ASCII, an absent required member, a type
/// mismatch) makes it give up, and the caller decodes with Foundation, whose errors are the ones sent.
struct FlatParams {
    enum Value {
        case string(String)
        case number(Substring)
        case bool(Bool)
        case null
    }

    /// Thrown anywhere the fast path gives up.
    struct GiveUp: Error {}

    let members: [String: Value]

    /// Reads the object in `bytes` (already checked to be valid JSON) with `RequestScanner`'s cursor;
    /// nil outside the plain case.
    init?(_ bytes: UnsafeRawBufferPointer) {
        var members: [String: Value] = [:]
        var cursor = RequestScanner.Cursor(bytes: bytes)
        cursor.skipSpace()
        guard cursor.peek == UInt8(ascii: "{") else { return nil }
        do {
            try cursor.skipContainer(close: UInt8(ascii: "}"), depth: 0) { cursor throws(RequestScanner.Failure) in
                guard let key = Self.camelCase(try cursor.readPlainString()), members[key] == nil else { throw .unsure }
                cursor.skipSpace()
                try cursor.expect(UInt8(ascii: ":"))
                cursor.skipSpace()
                switch cursor.peek ?? 0 {
                case UInt8(ascii: "\""):
                    members[key] = .string(try cursor.readPlainString())
                case UInt8(ascii: "t"):
                    try cursor.skipLiteral("true")
                    members[key] = .bool(true)
                case UInt8(ascii: "f"):
                    try cursor.skipLiteral("false")
                    members[key] = .bool(false)
                case UInt8(ascii: "n"):
                    try cursor.skipLiteral("null")
                    members[key] = .null
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let start = cursor.index
                    try cursor.skipNumber()
                    let text = UnsafeRawBufferPointer(rebasing: bytes[start..<cursor.index])
                    members[key] = .number(Substring(String(decoding: text, as: UTF8.self)))
                default:
                    throw .unsure
                }
            }
        } catch {
            return nil
        }
        self.members = members
    }

    /// `min_confidence` → `minConfidence`; nil for keys outside the plain form.
    static func camelCase(_ key: String) -> String? {
        let words = key.utf8.split(separator: UInt8(ascii: "_"), omittingEmptySubsequences: false)
        guard let first = words.first, !first.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(key.utf8.count)
        for (position, word) in words.enumerated() {
            guard let lead = word.first, word.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
            else { return nil }
            if position > 0 {
                // Foundation capitalizes each later word; a word that starts with a digit is left to it.
                guard (0x61...0x7A).contains(lead) else { return nil }
                out.append(lead - 0x20)
                out += word.dropFirst()
            } else {
                out += word
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `P` from the members, or throws `GiveUp`.
    func decode<P: Decodable>(_: P.Type) throws -> P {
        try P(from: FlatDecoder(members: members))
    }
}

/// A `Decoder` that offers only a keyed container over `FlatParams` members.
private struct FlatDecoder: Decoder {
    let members: [String: FlatParams.Value]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(FlatKeyedContainer<Key>(members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw FlatParams.GiveUp() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw FlatParams.GiveUp() }
}

private struct FlatKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: FlatParams.Value]
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let value = members[key.stringValue] else { throw FlatParams.GiveUp() }
        if case .null = value { return true }
        return false
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        guard case .string(let text)? = members[key.stringValue] else { throw FlatParams.GiveUp() }
        return text
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        guard case .bool(let value)? = members[key.stringValue] else { throw FlatParams.GiveUp() }
        return value
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        guard case .number(let text)? = members[key.stringValue], let value = Double(text), value.isFinite else {
            throw FlatParams.GiveUp()
        }
        return value
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }

    private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
        guard case .number(let text)? = members[key.stringValue], let value = T(text, radix: 10) else {
            throw FlatParams.GiveUp()
        }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        switch type {
        case is String.Type: return try decode(String.self, forKey: key) as! T
        case is Bool.Type: return try decode(Bool.self, forKey: key) as! T
        case is Double.Type: return try decode(Double.self, forKey: key) as! T
        case is Int.Type: return try decode(Int.self, forKey: key) as! T
        case is Int64.Type: return try decode(Int64.self, forKey: key) as! T
        case is Int32.Type: return try decode(Int32.self, forKey: key) as! T
        default: throw FlatParams.GiveUp()
        }
    }

    // Optional members in one lookup each (the protocol's defaults make three: contains, decodeNil,
    // decode); absent and null are nil, as Foundation decodes them.

    private func isAbsentOrNull(_ key: Key) -> Bool {
        switch members[key.stringValue] {
        case nil, .null?: true
        default: false
        }
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        switch members[key.stringValue] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw FlatParams.GiveUp()
        }
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        isAbsentOrNull(key) ? nil : try integer(key)
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        isAbsentOrNull(key) ? nil : try integer(key)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        isAbsentOrNull(key) ? nil : try decode(Double.self, forKey: key)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        isAbsentOrNull(key) ? nil : try decode(Bool.self, forKey: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        isAbsentOrNull(key) ? nil : try decode(T.self, forKey: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    { throw FlatParams.GiveUp() }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw FlatParams.GiveUp() }
    func superDecoder() throws -> any Decoder { throw FlatParams.GiveUp() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw FlatParams.GiveUp() }
}
