/// The `Encoder` handed to `encode(to:)`: one slot of a run, at one nesting level.
///
/// It is also its own single-value container (as Foundation's is). It is 16 bytes, so passing it as
/// `any Encoder` allocates nothing.
struct WireValueEncoder: Encoder, SingleValueEncodingContainer, WireKeylessContainer {
    /// The run being written.
    let state: WireEncoderState
    /// The index its container would have in `state.frames`.
    let level: Int32
    /// The slot it fills.
    let slot: UInt32

    /// The keys from the top-level value down to this one.
    var codingPath: [any CodingKey] { state.codingPath(level: Int(level)) }
    /// Always empty: the wire takes no user info.
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Opens this value's JSON object (or returns the one already opened).
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.openContainer(level: Int(level), slot: slot, closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(WireKeyedContainer<Key>(state: state, level: level, slot: slot))
    }

    /// Opens this value's JSON array (or returns the one already opened).
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        state.openContainer(level: Int(level), slot: slot, closer: UInt8(ascii: "]"))
        return WireUnkeyedContainer(state: state, level: level, slot: slot)
    }

    /// This encoder, as a container for one value.
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer (the scalar methods come from `WireKeylessContainer`)

    /// Claims the slot for the value about to be written.
    ///
    /// - Throws: `WireEncoderFallback` when the slot already holds a value.
    @inline(__always)
    func beginValue() throws -> WireEncoderState {
        try state.fill(slot: slot)
        return state
    }

    /// The coding path of this slot's value.
    var valuePath: [any CodingKey] { codingPath }

    /// Writes an integer.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { try beginValue().appendRaw(value.description) }

    /// Writes an integer.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { try beginValue().appendRaw(value.description) }

    /// Writes any value into this slot (a value that writes nothing becomes `{}`).
    mutating func encode<T: Encodable>(_ value: T) throws {
        guard state.pendingSlot == slot else { throw state.fallback() }
        try state.encodeValue(value, level: Int(level), slot: slot)
    }

}

extension WireEncoderState {
    /// Encodes `value` into the pending `slot` at `level`: types with a direct form (arrays,
    /// string-keyed dictionaries, `Data`, `URL`, `Decimal`, `JSONValue`) write it, others run
    /// `encode(to:)`.
    /// A value that writes nothing becomes `{}`, as in Foundation.
    ///
    /// - Throws: what the value's encoding throws, or `WireEncoderFallback`.
    func encodeValue<T: Encodable>(_ value: T, level: Int, slot: UInt32) throws {
        try encodeValueBody(value, level: level, slot: slot)
        if pendingSlot == slot {
            pendingSlot = 0
            append(WireLiteral.emptyObject)
        }
    }

    /// Encodes `value` into the pending `slot` at `level`, leaving the slot pending if it writes nothing.
    ///
    /// - Throws: what the value's encoding throws, or `WireEncoderFallback`.
    @inline(__always)
    func encodeValueBody<T: Encodable>(_ value: T, level: Int, slot: UInt32) throws {
        if isDirect(T.self), let direct = value as? any WireDirectEncodable {
            try direct.wireEncode(into: self, level: level, slot: slot)
        } else {
            try value.encode(to: WireValueEncoder(state: self, level: Int32(truncatingIfNeeded: level), slot: slot))
        }
    }

    /// Encodes `value` as the element just begun in the container at `level - 1`, under `key`.
    @inline(__always)
    func encodeChild<T: Encodable>(_ value: T, level: Int, key: any CodingKey) throws {
        setPathKey(key, level: level &- 1)
        try encodeValue(value, level: level, slot: newPendingSlot())
    }
}
