/// A JSON object being written. Keys are converted to snake_case; `encodeIfPresent` (which synthesized
/// conformances use for optionals) writes nothing for nil, `encodeNil` writes `null`.
///
/// Every method throws `EncodingError` for NaN or infinity, and `WireEncoderFallback` (caught by
/// `WireEncoder`) when the object was already closed because a later sibling started.
struct WireKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// The run being written.
    let state: WireEncoderState
    /// The object's index in `state.frames`.
    let level: Int32
    /// The object's id.
    let slot: UInt32

    /// The keys from the top-level value down to this object.
    var codingPath: [any CodingKey] { state.codingPath(level: Int(level)) }

    @inline(__always)
    private func begin(_ key: Key) throws {
        try state.beginElement(level: Int(level), slot: slot)
        state.writeKey(key)
    }

    /// Writes `"key":null`.
    mutating func encodeNil(forKey key: Key) throws {
        try begin(key)
        state.writeNull()
    }

    /// Writes a boolean member.
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try begin(key)
        state.writeBool(value)
    }

    /// Writes a string member.
    mutating func encode(_ value: String, forKey key: Key) throws {
        try begin(key)
        state.writeString(value)
    }

    /// Writes a number member.
    mutating func encode(_ value: Double, forKey key: Key) throws {
        try begin(key)
        try state.writeFloat(value, path: codingPath + [key])
    }

    /// Writes a number member.
    mutating func encode(_ value: Float, forKey key: Key) throws {
        try begin(key)
        try state.writeFloat(value, path: codingPath + [key])
    }

    /// Writes an integer member.
    mutating func encode(_ value: Int, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
    /// Writes an integer member.
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }

    /// Writes an integer member.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128, forKey key: Key) throws {
        try begin(key)
        state.appendRaw(value.description)
    }

    /// Writes an integer member.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128, forKey key: Key) throws {
        try begin(key)
        state.appendRaw(value.description)
    }

    /// Writes any value as a member.
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        try state.encodeChild(value, level: Int(level) &+ 1, key: key)
    }

    /// Opens an object as a member.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let slot = nested(key, closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(WireKeyedContainer<NestedKey>(state: state, level: level &+ 1, slot: slot))
    }

    /// Opens an array as a member.
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        WireUnkeyedContainer(state: state, level: level &+ 1, slot: nested(key, closer: UInt8(ascii: "]")))
    }

    /// An encoder for the member `"super"` (`{}` if nothing is encoded into it).
    mutating func superEncoder() -> any Encoder {
        superEncoder(key: WireStringKey(stringValue: "super")) { state.writeKey(string: "super") }
    }

    /// An encoder for the member `key` (`{}` if nothing is encoded into it).
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(key: key) { state.writeKey(key) }
    }

    private func superEncoder(key: any CodingKey, writeKey: () -> Void) -> any Encoder {
        do {
            try state.beginElement(level: Int(level), slot: slot)
        } catch {
            return WireValueEncoder(state: state, level: level &+ 1, slot: WireEncoderState.deadSlot)
        }
        writeKey()
        state.setPathKey(key, level: Int(level))
        return WireValueEncoder(state: state, level: level &+ 1, slot: state.newPendingSlot())
    }

    /// Begins member `key` and opens a container in it; returns its id (`deadSlot` if the run must
    /// fall back).
    private func nested(_ key: Key, closer: UInt8) -> UInt32 {
        do {
            try begin(key)
        } catch {
            return WireEncoderState.deadSlot
        }
        state.setPathKey(key, level: Int(level))
        return state.openNestedContainer(level: Int(level), closer: closer)
    }

    @inline(__always)
    private func integer<T: FixedWidthInteger & SignedInteger>(_ value: T, _ key: Key) throws {
        try begin(key)
        state.writeInteger(value)
    }

    @inline(__always)
    private func integer<T: FixedWidthInteger & UnsignedInteger>(_ value: T, _ key: Key) throws {
        try begin(key)
        state.writeInteger(value)
    }
}
