/// `encodeIfPresent`, which synthesized conformances call for every optional property: nil writes
/// nothing (the member is left out, as Foundation does), a value is encoded as by `encode`.
///
/// The standard library has defaults for these; implementing them here saves a call per member and,
/// for the generic one, building `Optional<T>`'s type metadata at run time on every call.
extension WireKeyedContainer {
    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil; throws `EncodingError` for NaN or infinity.
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil; throws `EncodingError` for NaN or infinity.
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes the member unless `value` is nil.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        // Unwrapping copies the optional, which needs `Optional<T>`'s metadata, a run-time lookup;
        // comparing with nil does not, so the lookup is only paid for values that are there.
        if value == nil { return }
        try encodeSome(value, forKey: key)
    }

    @inline(never)
    private mutating func encodeSome<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try encode(value.unsafelyUnwrapped, forKey: key)
    }
}
