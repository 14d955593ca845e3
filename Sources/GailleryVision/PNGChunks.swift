import GailleryCore

/// Bounds-checked reading of a PNG's chunk structure: the IHDR header and the eXIf chunk.
enum PNGChunks {
    private static let signatureLength = 8

    /// Parses the signature and IHDR (the first chunk, 13 bytes of data) into a header. The CRC is not
    /// checked here; libpng checks it when decoding.
    /// - Throws: `.truncated` when shorter than 33 bytes, `.corrupt` when IHDR is missing or invalid.
    static func header(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> ImageHeader {
        guard bytes.count >= signatureLength + 25 else {
            throw .truncated(.png, "\(bytes.count) bytes, shorter than a PNG signature and header")
        }
        guard bigEndian32(bytes, at: 8) == 13, chunkType(bytes, at: 8) == "IHDR" else {
            throw .corrupt(.png, "the first chunk is not a 13-byte IHDR")
        }
        let width = bigEndian32(bytes, at: 16)
        let height = bigEndian32(bytes, at: 20)
        let depth = Int(bytes[24])
        let colorType = Int(bytes[25])
        let interlace = bytes[28]
        let allowed: [Int: (components: Int, model: ImageHeader.ColorModel, depths: Set<Int>)] = [
            0: (1, .gray, [1, 2, 4, 8, 16]), 2: (3, .rgb, [8, 16]), 3: (1, .palette, [1, 2, 4, 8]),
            4: (2, .grayAlpha, [8, 16]), 6: (4, .rgba, [8, 16]),
        ]
        guard (1...0x7FFF_FFFF).contains(width), (1...0x7FFF_FFFF).contains(height) else {
            throw .corrupt(.png, "IHDR declares an impossible size \(width)×\(height)")
        }
        guard let kind = allowed[colorType], kind.depths.contains(depth), interlace <= 1 else {
            throw .corrupt(
                .png, "IHDR declares colour type \(colorType) with bit depth \(depth), interlace \(interlace)")
        }
        return ImageHeader(
            format: .png, width: width, height: height, components: kind.components, bitDepth: depth,
            colorModel: kind.model, isProgressive: interlace == 1
        )
    }

    /// The data of the first eXIf chunk (a bare TIFF structure), or nil. Stops at IEND, at a chunk whose
    /// length runs past the data, or at the end.
    static func exifPayload(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        var offset = signatureLength
        while offset + 12 <= bytes.count {
            let length = bigEndian32(bytes, at: offset)
            let type = chunkType(bytes, at: offset)
            guard length <= bytes.count - offset - 12 else { return nil }
            if type == "eXIf" { return Array(bytes[(offset + 8)..<(offset + 8 + length)]) }
            if type == "IEND" { return nil }
            offset += 12 + length
        }
        return nil
    }

    private static func bigEndian32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int {
        (0..<4).reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
    }

    private static func chunkType(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> String {
        String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
    }
}
