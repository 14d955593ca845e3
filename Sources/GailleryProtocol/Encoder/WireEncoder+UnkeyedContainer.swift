/// A JSON array being written. It is 24 bytes, so returning it as `any UnkeyedEncodingContainer`
/// allocates nothing.
///
/// Every method throws `EncodingError` for NaN or infinity, and `WireEncoderFallback` (caught by
/// `WireEncoder`) when the array was already closed because a later sibling started. The scalar
/// `encode` methods come from `WireKeylessContainer`.
struct WireUnkeyedContainer: UnkeyedEncodingContainer, WireKeylessContainer {
    /// The run being written.
    let state: WireEncoderState
    /// The array's index in `state.frames`.
    let level: Int32
    /// The array's id.
    let slot: UInt32
    /// The number of elements written.
    private(set) var count = 0

    /// An array container for the frame `slot` at `level`.
    init(state: WireEncoderState, level: Int32, slot: UInt32) {
        self.state = state
        self.level = level
        self.slot = slot
    }

    /// The keys from the top-level value down to this array.
    var codingPath: [any CodingKey] { state.codingPath(level: Int(level)) }

    @inline(__always)
    private mutating func begin() throws {
        try state.beginElement(level: Int(level), slot: slot)
        count &+= 1
    }

    /// Begins the next element (the scalar methods come from `WireKeylessContainer`).
    ///
    /// - Throws: `WireEncoderFallback` when the array was already closed.
    @inline(__always)
    mutating func beginValue() throws -> WireEncoderState {
        try begin()
        return state
    }

    /// The coding path of the element just begun.
    var valuePath: [any CodingKey] { codingPath + [WireIndexKey(index: count &- 1)] }

    /// Writes an integer.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { try beginValue().appendRaw(value.description) }

    /// Writes an integer.
    @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { try beginValue().appendRaw(value.description) }

    /// Appends any value.
    mutating func encode<T: Encodable>(_ value: T) throws {
        try begin()
        try state.encodeChild(value, level: Int(level) &+ 1, key: WireIndexKey(index: count &- 1))
    }

    /// Appends an object.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let slot = nested(closer: UInt8(ascii: "}"))
        return KeyedEncodingContainer(WireKeyedContainer<NestedKey>(state: state, level: level &+ 1, slot: slot))
    }

    /// Appends an array.
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        WireUnkeyedContainer(state: state, level: level &+ 1, slot: nested(closer: UInt8(ascii: "]")))
    }

    /// An encoder for the next element (`{}` if nothing is encoded into it).
    mutating func superEncoder() -> any Encoder {
        do {
            try begin()
        } catch {
            return WireValueEncoder(state: state, level: level &+ 1, slot: WireEncoderState.deadSlot)
        }
        state.setPathKey(WireIndexKey(index: count &- 1), level: Int(level))
        return WireValueEncoder(state: state, level: level &+ 1, slot: state.newPendingSlot())
    }

    /// Begins an element and opens a container in it; returns its id (`deadSlot` on fallback).
    private mutating func nested(closer: UInt8) -> UInt32 {
        do {
            try begin()
        } catch {
            return WireEncoderState.deadSlot
        }
        state.setPathKey(WireIndexKey(index: count &- 1), level: Int(level))
        return state.openNestedContainer(level: Int(level), closer: closer)
    }

}
