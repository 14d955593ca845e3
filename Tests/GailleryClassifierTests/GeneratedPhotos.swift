import Foundation
import GailleryVision

/// Variants of the real photos in encodings whose conversion to RGB could differ between decoders: EXIF
/// orientation, Adobe CMYK, RGBA, 16-bit samples, and a large JPEG for DCT-scaled decoding. Generated at
/// test time from the skimage photos (same licences).
enum GeneratedPhotos {
    /// The variants whose 8-bit RGB must equal PIL's exactly.
    static let exact = ["chelsea-exif6.jpg", "chelsea-rgba.png", "coffee-cmyk.jpg", "coffee-large.jpg"]
    /// A 16-bit PNG: PIL keeps each sample's high byte, GailleryVision rounds (v * 255 / 65535), so a
    /// sample may differ by one level, and by two after a bicubic resize (its weights' sum of magnitudes
    /// exceeds 1).
    static let sixteenBit = "chelsea-16bit.png"

    /// Writes every variant into `directory` and returns name -> URL.
    static func write(to directory: URL) throws -> [String: URL] {
        let chelsea = try ImageCodec.decode(Fixtures.photoBytes("chelsea.png"))
        let coffee = try ImageCodec.decode(Fixtures.photoBytes("coffee.png"))
        let files: [String: [UInt8]] = [
            // Stored rotated 90° counter-clockwise; EXIF 6 (rotate 90° clockwise) makes it upright again.
            "chelsea-exif6.jpg": exifOrientation6(try ImageCodec.encodeJPEG(chelsea.oriented(.rotate270), quality: 92)),
            "chelsea-rgba.png": try ImageCodec.encodePNG(
                rows: withAlpha(chelsea),
                .init(width: chelsea.width, height: chelsea.height, colorType: .rgba)),
            "chelsea-16bit.png": try ImageCodec.encodePNG(
                rows: sixteenBit(chelsea),
                .init(width: chelsea.width, height: chelsea.height, colorType: .rgb, bitDepth: 16)),
            "coffee-cmyk.jpg": try ImageCodec.encodeJPEG(
                samples: adobeCMYK(coffee), width: coffee.width, height: coffee.height, layout: .cmyk, quality: 92),
            // 2400 × 1600: large enough for a 1/4-scale DCT decode at shorter side 256.
            "coffee-large.jpg": try ImageCodec.encodeJPEG(
                coffee.resized(width: 2400, height: 1600, filter: .bicubic), quality: 90),
        ]
        var urls: [String: URL] = [:]
        for (name, bytes) in files {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            urls[name] = url
        }
        return urls
    }

    /// Inserts an EXIF APP1 (big-endian TIFF, one IFD entry: Orientation = 6) after the SOI marker.
    private static func exifOrientation6(_ jpeg: [UInt8]) -> [UInt8] {
        let tiff: [UInt8] = [
            0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0,
        ]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        return Array(jpeg[0..<2]) + [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + jpeg[2...]
    }

    /// RGBA rows with an alpha ramp that a viewer would composite but PIL's convert("RGB") drops.
    private static func withAlpha(_ image: RGBImage) -> [UInt8] {
        var rows: [UInt8] = []
        rows.reserveCapacity(image.width * image.height * 4)
        for pixel in 0..<(image.width * image.height) {
            rows += image.pixels[(pixel * 3)..<(pixel * 3 + 3)]
            rows.append(UInt8(truncatingIfNeeded: pixel * 7))
        }
        return rows
    }

    /// Big-endian 16-bit samples: the 8-bit value in the high byte, a varying low byte.
    private static func sixteenBit(_ image: RGBImage) -> [UInt8] {
        image.pixels.enumerated().flatMap { offset, value in [value, UInt8(truncatingIfNeeded: offset * 37)] }
    }

    /// Adobe CMYK samples (stored as 255 - ink, as Photoshop writes them) with grey-component replacement,
    /// so every channel, K included, varies.
    private static func adobeCMYK(_ image: RGBImage) -> [UInt8] {
        var samples: [UInt8] = []
        samples.reserveCapacity(image.width * image.height * 4)
        for pixel in 0..<(image.width * image.height) {
            let rgb = image.pixels[(pixel * 3)..<(pixel * 3 + 3)].map(Int.init)
            let brightest = rgb.max()!
            // Ink: K = 255 - max; C, M, Y relative to the remaining range. Stored inverted.
            let inks = rgb.map { brightest == 0 ? 0 : (brightest - $0) * 255 / brightest }
            samples += inks.map { UInt8(255 - $0) } + [UInt8(brightest)]
        }
        return samples
    }
}
