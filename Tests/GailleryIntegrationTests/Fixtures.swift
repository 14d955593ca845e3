import Foundation
import GailleryVision

/// Test images made at test time with the project's own encoder (no binary fixtures).
enum Fixtures {
    /// A JPEG of `width`×`height` with a gradient seeded by `seed`; a COM segment naming the seed makes
    /// the bytes of every seed distinct.
    static func jpeg(width: Int = 64, height: Int = 48, seed: Int = 0) -> [UInt8] {
        let image = RGBImage(width: width, height: height) { x, y in
            (UInt8((x * 4 + seed * 37) & 0xFF), UInt8((y * 5 + seed * 11) & 0xFF), UInt8((x + y + seed) & 0xFF))
        }
        let encoded = try! ImageCodec.encodeJPEG(image, quality: 90)
        let comment = Array("gaillery test fixture, seed \(seed)".utf8)
        let length = comment.count + 2
        return Array(encoded[0..<2]) + [0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + comment + encoded[2...]
    }

    /// A PNG of `width`×`height`.
    static func png(width: Int = 40, height: Int = 30, seed: Int = 0) -> [UInt8] {
        let image = RGBImage(width: width, height: height) { x, y in
            (UInt8((x * 6 + seed) & 0xFF), UInt8((y * 7) & 0xFF), UInt8(seed & 0xFF))
        }
        return try! ImageCodec.encodePNG(image)
    }

    /// A JPEG cut in the middle of its entropy-coded data.
    static func truncatedJPEG() -> [UInt8] {
        let whole = jpeg(width: 256, height: 256, seed: 99)
        return Array(whole.prefix(whole.count / 2))
    }

    /// A JPEG whose entropy-coded data is overwritten with garbage (bad Huffman codes), end marker kept.
    static func corruptJPEG() -> [UInt8] {
        var bytes = jpeg(width: 256, height: 256, seed: 98)
        let start = scanStart(bytes) ?? bytes.count / 3
        var state: UInt32 = 12345
        for index in (start + 16)..<(bytes.count - 16) {
            state = state &* 1_103_515_245 &+ 12345
            let byte = UInt8(truncatingIfNeeded: state >> 16)
            bytes[index] = byte == 0xFF ? 0xFE : byte
        }
        return bytes
    }

    /// The offset just after the SOS segment header.
    private static func scanStart(_ bytes: [UInt8]) -> Int? {
        var index = 2
        while index + 4 < bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if marker == 0xDA { return index + 2 + length }
            index += 2 + length
        }
        return nil
    }

    /// A valid PNG signature and IHDR declaring `width`×`height`, then nothing else.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        var chunk: [UInt8] = Array("IHDR".utf8)
        for value in [width, height] { chunk += withUnsafeBytes(of: value.bigEndian, Array.init) }
        chunk += [8, 2, 0, 0, 0]
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + chunk
        bytes += withUnsafeBytes(of: crc32(chunk).bigEndian, Array.init)
        return bytes
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// Writes `bytes` to `directory/name` and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], to directory: URL, name: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
