import Foundation

/// A type written without going through its `encode(to:)`: the types Foundation's `JSONEncoder`
/// special-cases (so the output matches it), plus `JSONValue` (for speed; same output).
protocol WireDirectEncodable {
    /// Writes the value into the pending `slot` at `level` of `state`.
    ///
    /// - Throws: `EncodingError` for a non-finite number, `WireEncoderFallback` when the slot is gone.
    func wireEncode(into state: WireEncoderState, level: Int, slot: UInt32) throws
}

/// String-keyed dictionaries are JSON objects whose keys are written as they are: Foundation exempts
/// them from key conversion (`["fooBar": 1]` stays `{"fooBar":1}`).
extension Dictionary: WireDirectEncodable where Key == String, Value: Encodable {
    /// Writes the object, keys unconverted.
    func wireEncode(into state: WireEncoderState, level: Int, slot: UInt32) throws {
        state.openContainer(level: level, slot: slot, closer: UInt8(ascii: "}"))
        for (key, value) in self {
            try state.beginElement(level: level, slot: slot)
            state.writeString(key)
            state.append(UInt8(ascii: ":"))
            try state.encodeChild(value, level: level &+ 1, key: WireStringKey(stringValue: key))
        }
    }
}

/// Arrays are written element by element straight from their storage: the same text as through the
/// standard library's `encode(to:)` (an unkeyed container), without copying each element out.
extension Array: WireDirectEncodable where Element: Encodable {
    /// Writes the array.
    func wireEncode(into state: WireEncoderState, level: Int, slot: UInt32) throws {
        state.openContainer(level: level, slot: slot, closer: UInt8(ascii: "]"))
        try withUnsafeBufferPointer { elements in
            for index in elements.indices {
                try state.beginElement(level: level, slot: slot)
                try state.encodeChild(elements[index], level: level &+ 1, key: WireIndexKey(index: index))
            }
        }
    }
}

/// `Data` is a base64 string (Foundation's default `.base64` strategy).
extension Data: WireDirectEncodable {
    /// Writes the base64 string.
    func wireEncode(into state: WireEncoderState, level: Int, slot: UInt32) throws {
        try state.fill(slot: slot)
        state.writeString(base64EncodedString())
    }
}

/// A `URL` is its absolute string, as Foundation writes it.
extension URL: WireDirectEncodable {
    /// Writes the absolute string.
    func wireEncode(into state: WireEncoderState, level: Int, slot: UInt32) throws {
        try state.fill(slot: slot)
        state.writeString(absoluteString)
    }
}

/// A `Decimal` is a number in its exact decimal text, as Foundation writes it.
extension Decimal: WireDirectEncodable {
    /// Writes the number.
    func wireEncode(into state: WireEncoderState, level: Int, slot: UInt32) throws {
        try state.fill(slot: slot)
        state.appendRaw(description)
    }
}

/// A `JSONValue` tree written directly; the text is the same as through its `encode(to:)`.
extension JSONValue: WireDirectEncodable {
    /// Writes the tree.
    func wireEncode(into state: WireEncoderState, level: Int, slot: UInt32) throws {
        switch self {
        case .null:
            try state.fill(slot: slot)
            state.writeNull()
        case .bool(let value):
            try state.fill(slot: slot)
            state.writeBool(value)
        case .int(let value):
            try state.fill(slot: slot)
            state.writeInteger(value)
        case .double(let value):
            try state.fill(slot: slot)
            try state.writeFloat(value, path: state.codingPath(level: level))
        case .string(let value):
            try state.fill(slot: slot)
            state.writeString(value)
        case .array(let elements):
            state.openContainer(level: level, slot: slot, closer: UInt8(ascii: "]"))
            for (index, element) in elements.enumerated() {
                try state.beginElement(level: level, slot: slot)
                state.setPathKey(WireIndexKey(index: index), level: level)
                try element.wireEncode(into: state, level: level &+ 1, slot: state.newPendingSlot())
            }
        case .object(let members):
            state.openContainer(level: level, slot: slot, closer: UInt8(ascii: "}"))
            for (key, member) in members {
                try state.beginElement(level: level, slot: slot)
                state.writeString(key)
                state.append(UInt8(ascii: ":"))
                state.setPathKey(WireStringKey(stringValue: key), level: level)
                try member.wireEncode(into: state, level: level &+ 1, slot: state.newPendingSlot())
            }
        }
    }
}
