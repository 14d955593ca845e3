/// Builds small EXIF TIFF structures in either byte order: IFD0 (orientation, Exif pointer) and an Exif
/// sub-IFD (DateTimeOriginal), laid out header, IFD0, sub-IFD, string data. Offsets can be overridden to
/// produce hostile structures.
struct TIFFBuilder {
    var bigEndian: Bool
    var orientation: Int?
    var dateTimeOriginal: String?
    /// Replaces the computed Exif sub-IFD offset (e.g. 8 to point back at IFD0, or past the end).
    var exifPointerOverride: UInt32?
    /// Replaces the computed DateTimeOriginal string offset.
    var dateOffsetOverride: UInt32?
    /// Replaces the DateTimeOriginal count.
    var dateCountOverride: UInt32?

    init(bigEndian: Bool, orientation: Int? = nil, dateTimeOriginal: String? = nil) {
        self.bigEndian = bigEndian
        self.orientation = orientation
        self.dateTimeOriginal = dateTimeOriginal
    }

    func u16(_ value: Int) -> [UInt8] {
        let bytes = [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        return bigEndian ? bytes : bytes.reversed()
    }

    func u32(_ value: UInt32) -> [UInt8] {
        let bytes = [24, 16, 8, 0].map { UInt8(value >> $0 & 0xFF) }
        return bigEndian ? bytes : bytes.reversed()
    }

    func entry(tag: Int, type: Int, count: UInt32, value: [UInt8]) -> [UInt8] {
        u16(tag) + u16(type) + u32(count) + value
    }

    var bytes: [UInt8] {
        let date = dateTimeOriginal.map { Array($0.utf8) + [0] }
        let ifd0Count = (orientation == nil ? 0 : 1) + (date == nil ? 0 : 1)
        let ifd0Size = 2 + 12 * ifd0Count + 4
        let exifIFDOffset = UInt32(8 + ifd0Size)
        let dataOffset = exifIFDOffset + 2 + 12 + 4
        var out = (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(8)
        out += u16(ifd0Count)
        if let orientation { out += entry(tag: 0x0112, type: 3, count: 1, value: u16(orientation) + [0, 0]) }
        if date != nil {
            out += entry(tag: 0x8769, type: 4, count: 1, value: u32(exifPointerOverride ?? exifIFDOffset))
        }
        out += u32(0)
        if let date {
            out += u16(1)
            out += entry(
                tag: 0x9003, type: 2, count: dateCountOverride ?? UInt32(date.count),
                value: u32(dateOffsetOverride ?? dataOffset))
            out += u32(0) + date
        }
        return out
    }
}
