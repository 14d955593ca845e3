@testable import GailleryVision
import GailleryTestSupport

/// Test images generated at run time: no binary fixtures, so no licences to track.
enum Fixture {
    /// A smooth colour gradient (JPEG-friendly, every pixel different).
    static func gradient(width: Int, height: Int) -> RGBImage {
        RGBImage(width: width, height: height) { x, y in
            (UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)), UInt8((x + y) % 256))
        }
    }

    /// The four quadrant colours used to check orientation: top-left red, top-right green,
    /// bottom-left blue, bottom-right yellow.
    static let quadrantColors: [Character: [UInt8]] = [
        "R": [255, 0, 0], "G": [0, 255, 0], "B": [0, 0, 255], "Y": [255, 255, 0],
    ]

    /// An image split into the four `quadrantColors`.
    static func quadrants(width: Int, height: Int) -> RGBImage {
        RGBImage(width: width, height: height) { x, y in
            let name: Character = y < height / 2 ? (x < width / 2 ? "R" : "G") : (x < width / 2 ? "B" : "Y")
            let color = quadrantColors[name]!
            return (color[0], color[1], color[2])
        }
    }

    /// Which quadrant colour `pixel` is nearest to.
    static func nearestQuadrant(_ pixel: [UInt8]) -> Character {
        quadrantColors.min { distance($0.value, pixel) < distance($1.value, pixel) }!.key
    }

    /// Sum of absolute differences.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
    }

    /// Mean absolute per-sample difference between two equally sized images.
    static func meanError(_ a: RGBImage, _ b: RGBImage) -> Double {
        Double(distance(a.pixels, b.pixels)) / Double(a.pixels.count)
    }

    /// Inserts a marker segment (marker + big-endian length + payload) right after a JPEG's SOI.
    static func inserting(marker: UInt8, payload: [UInt8], into jpeg: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        let segment = [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }

    /// A JPEG of `image` carrying an EXIF APP1 with `tiff`.
    static func jpeg(_ image: RGBImage, exif tiff: [UInt8]) throws -> [UInt8] {
        let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]
        return inserting(marker: 0xE1, payload: exifHeader + tiff, into: try ImageCodec.encodeJPEG(image, quality: 95))
    }

    /// Offset of the first byte after the first SOS segment (the start of entropy-coded data).
    static func scanDataOffset(_ jpeg: [UInt8]) -> Int {
        var offset = 2
        while jpeg[offset + 1] != 0xDA {
            offset += 2 + (Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3]))
        }
        return offset + 2 + (Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3]))
    }
}
