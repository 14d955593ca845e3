import GailleryCore

/// The EXIF fields Gaillery uses. Reading never throws: missing or malformed EXIF gives nil fields.
package struct ExifMetadata: Sendable, Hashable {
    /// Orientation (tag 0x0112) when present and 1...8.
    package var orientation: ExifOrientation?
    /// DateTimeOriginal (tag 0x9003 in the Exif sub-IFD) as "YYYY-MM-DDTHH:MM:SS", in the camera's local
    /// time (EXIF stores no zone here); nil when absent or not a valid date such as "0000:00:00 00:00:00".
    package var takenAt: String?

    /// Memberwise initializer.
    package init(orientation: ExifOrientation? = nil, takenAt: String? = nil) {
        self.orientation = orientation
        self.takenAt = takenAt
    }

    /// Reads EXIF from a JPEG's APP1 "Exif" segment or a PNG's eXIf chunk; other data gives empty metadata.
    package static func read(from bytes: UnsafeRawBufferPointer) -> ExifMetadata {
        let payload: [UInt8]? =
            switch MediaKind.detect(bytes) {
            case .image(.jpeg): JPEGSegments.exifPayload(bytes)
            case .image(.png): PNGChunks.exifPayload(bytes)
            case .unsupported: nil
            }
        return payload.map(ExifMetadata.init(tiff:)) ?? ExifMetadata()
    }

    /// `read(from:)` for an array.
    package static func read(from bytes: [UInt8]) -> ExifMetadata {
        bytes.withUnsafeBytes { read(from: $0) }
    }

    /// Parses a bare TIFF structure (what follows "Exif\0\0"): IFD0's orientation and the Exif sub-IFD's
    /// DateTimeOriginal. Only IFD0 and the one sub-IFD it points to are visited, so offset loops cannot
    /// recur; every read is bounds-checked.
    package init(tiff: [UInt8]) {
        self.init()
        guard let reader = TIFFReader(tiff), let ifd0 = reader.firstIFD else { return }
        if let entry = reader.entry(0x0112, inIFDAt: ifd0), let value = reader.integer(entry) {
            orientation = ExifOrientation(rawValue: value)
        }
        if let pointer = reader.entry(0x8769, inIFDAt: ifd0), let exifIFD = reader.integer(pointer),
            let entry = reader.entry(0x9003, inIFDAt: exifIFD), let text = reader.data(entry)
        {
            takenAt = Self.isoDateTime(exif: text)
        }
    }

    /// "YYYY:MM:DD HH:MM:SS" (the first 19 bytes) to "YYYY-MM-DDTHH:MM:SS", or nil unless every field is a
    /// number in range (year 1...9999, month 1...12, day 1...31, hour 0...23, minute 0...59, second 0...60).
    static func isoDateTime<Bytes: Collection<UInt8>>(exif bytes: Bytes) -> String? {
        let text = Array(bytes.prefix(19))
        guard text.count == 19, text[4] == UInt8(ascii: ":"), text[7] == UInt8(ascii: ":"),
            text[10] == UInt8(ascii: " ") || text[10] == UInt8(ascii: "T"), text[13] == UInt8(ascii: ":"),
            text[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in text[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), (1...9999).contains(year), let month = number(5..<7), (1...12).contains(month),
            let day = number(8..<10), (1...31).contains(day), let hour = number(11..<13), (0...23).contains(hour),
            let minute = number(14..<16), (0...59).contains(minute), let second = number(17..<19),
            (0...60).contains(second)
        else { return nil }
        let digits = text.map { Character(UnicodeScalar($0)) }
        return String(digits[0..<4]) + "-" + String(digits[5..<7]) + "-" + String(digits[8..<10]) + "T"
            + String(digits[11..<19])
    }
}
