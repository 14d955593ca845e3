/// The scalar `encode` methods that `UnkeyedEncodingContainer` and `SingleValueEncodingContainer`
/// both require (same signatures), written once for `WireUnkeyedContainer` and `WireValueEncoder`.
/// (`Int128` and `UInt128` have standard-library defaults, so each type declares those itself.)
///
/// Each throws `EncodingError` for NaN or infinity, and `WireEncoderFallback` (caught by
/// `WireEncoder`) when the container can no longer take a value.
protocol WireKeylessContainer {
    /// Makes room for one more value (a comma, or claiming the slot) and returns the run to write to.
    ///
    /// - Throws: `WireEncoderFallback` when the container was closed or the slot already filled.
    mutating func beginValue() throws -> WireEncoderState
    /// The coding path of the value just begun, for errors.
    var valuePath: [any CodingKey] { get }
}

extension WireKeylessContainer {
    /// Writes `null`.
    mutating func encodeNil() throws { try beginValue().writeNull() }
    /// Writes `true` or `false`.
    mutating func encode(_ value: Bool) throws { try beginValue().writeBool(value) }
    /// Writes a string.
    mutating func encode(_ value: String) throws { try beginValue().writeString(value) }
    /// Writes a finite number.
    mutating func encode(_ value: Double) throws { try beginValue().writeFloat(value, path: valuePath) }
    /// Writes a finite number.
    mutating func encode(_ value: Float) throws { try beginValue().writeFloat(value, path: valuePath) }
    /// Writes an integer.
    mutating func encode(_ value: Int) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: Int8) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: Int16) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: Int32) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: Int64) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: UInt) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: UInt8) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: UInt16) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: UInt32) throws { try beginValue().writeInteger(value) }
    /// Writes an integer.
    mutating func encode(_ value: UInt64) throws { try beginValue().writeInteger(value) }
}
