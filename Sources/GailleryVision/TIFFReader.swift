/// A bounds-checked reader of the TIFF structure inside EXIF: every accessor returns nil instead of
/// reading outside the bytes, so hostile offsets and counts cannot crash or loop.
struct TIFFReader {
    /// One 12-byte IFD entry.
    struct Entry {
        /// TIFF field type (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 7 UNDEFINED, 13 IFD, ...).
        var type: Int
        /// Number of values of `type`.
        var count: Int
        /// Where the entry starts in the TIFF bytes.
        var position: Int
    }

    private let bytes: [UInt8]
    private let bigEndian: Bool

    /// Reads the byte-order mark ("II" or "MM") and the magic number 42; nil if either is wrong.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): bigEndian = false
        case (0x4D, 0x4D): bigEndian = true
        default: return nil
        }
        self.bytes = bytes
        guard unsigned(at: 2, size: 2) == 42 else { return nil }
    }

    /// The offset of IFD0.
    var firstIFD: Int? { unsigned(at: 4, size: 4) }

    /// Reads a 1-, 2- or 4-byte unsigned integer in the file's byte order.
    func unsigned(at offset: Int, size: Int) -> Int? {
        guard offset >= 0, size <= 4, offset <= bytes.count - size else { return nil }
        let range = offset..<(offset + size)
        return bigEndian
            ? bytes[range].reduce(0) { $0 << 8 | Int($1) }
            : bytes[range].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// Finds `tag` in the IFD at `offset`, scanning only the entries that lie inside the data.
    func entry(_ tag: Int, inIFDAt offset: Int) -> Entry? {
        guard let count = unsigned(at: offset, size: 2) else { return nil }
        for index in 0..<count {
            let position = offset + 2 + 12 * index
            guard let found = unsigned(at: position, size: 2) else { return nil }
            guard found == tag else { continue }
            guard let type = unsigned(at: position + 2, size: 2), let values = unsigned(at: position + 4, size: 4)
            else { return nil }
            return Entry(type: type, count: values, position: position)
        }
        return nil
    }

    /// The first value of a SHORT or LONG entry (IFD pointers may also be typed IFD).
    func integer(_ entry: Entry) -> Int? {
        guard entry.count >= 1 else { return nil }
        switch entry.type {
        case 3: return unsigned(at: entry.position + 8, size: 2)
        case 4, 13: return unsigned(at: entry.position + 8, size: 4)
        default: return nil
        }
    }

    /// The raw bytes of an ASCII or UNDEFINED entry: inline when 4 bytes or fewer, else at its offset.
    func data(_ entry: Entry) -> ArraySlice<UInt8>? {
        guard entry.type == 2 || entry.type == 7, entry.count <= bytes.count else { return nil }
        if entry.count <= 4 {
            let start = entry.position + 8
            return start <= bytes.count - entry.count ? bytes[start..<(start + entry.count)] : nil
        }
        guard let offset = unsigned(at: entry.position + 8, size: 4), offset <= bytes.count - entry.count else {
            return nil
        }
        return bytes[offset..<(offset + entry.count)]
    }
}
