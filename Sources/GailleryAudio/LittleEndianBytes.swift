/// Bounds-checked little-endian reads from a byte array; every accessor returns nil past the end, so a
/// hostile size field can never read outside the buffer.
struct LittleEndianBytes {
    let bytes: [UInt8]

    /// The 16-bit unsigned value at `offset`, or nil if it does not fit.
    func uint16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    /// The 32-bit unsigned value at `offset`, or nil if it does not fit.
    func uint32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    /// The four-character code at `offset` (e.g. "RIFF"), or nil if it does not fit; non-ASCII bytes
    /// become "?".
    func fourCC(at offset: Int) -> String? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        let scalars = bytes[offset..<offset + 4].map { byte -> Character in
            (0x20...0x7E).contains(byte) ? Character(Unicode.Scalar(byte)) : "?"
        }
        return String(scalars)
    }
}
