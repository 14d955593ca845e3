/// Bounds-checked walk over a JPEG's marker segments before the first scan, to find the EXIF APP1.
enum JPEGSegments {
    private static let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]  // "Exif\0\0"

    /// The TIFF structure inside the first APP1 segment that starts with "Exif\0\0", or nil. Stops at the
    /// first scan (SOS) or end of image, at anything that is not a marker, and at a length that runs past
    /// the data, so hostile input can only end the walk early.
    static func exifPayload(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 1 < bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            offset += 2
            switch marker {
            case 0xFF:  // fill byte: the marker code follows
                offset -= 1
                continue
            case 0x01, 0xD0...0xD8:  // standalone markers carry no length
                continue
            case 0xD9, 0xDA:  // end of image, start of scan: metadata comes before these
                return nil
            default:
                break
            }
            guard offset + 2 <= bytes.count else { return nil }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard length >= 2, length <= bytes.count - offset else { return nil }
            let payload = (offset + 2)..<(offset + length)
            if marker == 0xE1, payload.count >= exifHeader.count,
                bytes[payload.lowerBound..<(payload.lowerBound + exifHeader.count)].elementsEqual(exifHeader)
            {
                return Array(bytes[(payload.lowerBound + exifHeader.count)..<payload.upperBound])
            }
            offset += length
        }
        return nil
    }
}
