import Testing
import GailleryTestSupport

@testable import GailleryVision

/// Damaged, truncated, oversized and non-image inputs must end as a clear ImageError, never a crash,
/// an exit from libjpeg or a silently grey image.
@Suite("hostile input")
struct HostileInputTests {
    static let jpeg = try! ImageCodec.encodeJPEG(Fixture.gradient(width: 256, height: 192), quality: 90)
    static let png = try! ImageCodec.encodePNG(Fixture.gradient(width: 160, height: 120))

    /// Runs decode and thumbnail on `bytes` and returns the decode's error.
    func failure(_ bytes: [UInt8], maxPixels: Int = ImageCodec.defaultMaxPixels) -> ImageError? {
        let thumbnail = #expect(throws: ImageError.self) {
            try ImageCodec.makeThumbnail(from: bytes, maxPixels: maxPixels)
        }
        let decode = #expect(throws: ImageError.self) { try ImageCodec.decode(bytes, maxPixels: maxPixels) }
        #expect(thumbnail?.code == decode?.code)
        return decode
    }

    @Test("zero bytes")
    func empty() {
        let error = failure([])
        #expect(error?.code == .empty)
        #expect(error?.description.contains("empty") == true)
    }

    @Test("text and other formats are named")
    func notAnImage() {
        let text = failure(Array("hello, this is a shopping list, not a photo\n".utf8))
        #expect(text?.code == .unsupported)
        #expect(text?.description.contains("text") == true)
        let gif = failure(Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 20))
        #expect(gif?.description.contains("GIF") == true)
    }

    @Test("truncated JPEG", arguments: [20, 200, 1000, 3000, -2])
    func truncatedJPEG(cut: Int) {
        let length = cut < 0 ? Self.jpeg.count + cut : cut
        let error = failure(Array(Self.jpeg[0..<length]))
        #expect(error?.code == .truncated)
        #expect(error?.description.contains("JPEG is truncated") == true)
    }

    @Test("corrupt entropy-coded data fails instead of painting grey blocks", arguments: [0.3, 0.6])
    func corruptJPEG(position: Double) {
        var bytes = Self.jpeg
        let start = Fixture.scanDataOffset(bytes)
        let offset = start + Int(Double(bytes.count - start) * position)
        for index in stride(from: offset, to: offset + 64, by: 2) {  // FF 00 = stuffed all-ones bits
            bytes[index] = 0xFF
            bytes[index + 1] = 0x00
        }
        let error = failure(bytes)
        #expect(error?.code == .corrupt)
        #expect(error?.description.contains("Corrupt JPEG data") == true)
    }

    @Test("a JPEG marker followed by garbage is corrupt")
    func garbageAfterSOI() {
        let error = failure([0xFF, 0xD8, 0xFF] + Array("definitely not a JPEG header".utf8))
        #expect(error?.code == .corrupt || error?.code == .truncated)
    }

    @Test("a PNG declaring 60000x60000 is probed cheaply, then refused by the pixel limit")
    func decompressionBomb() throws {
        let bytes = PNGBytes.declaring(width: 60_000, height: 60_000)
        let header = try ImageCodec.probe(bytes)
        #expect(header.width == 60_000 && header.height == 60_000)
        let error = failure(bytes)
        #expect(error?.code == .tooLarge)
        #expect(
            error?.description
                == "PNG declares 60000×60000 (3600.0 MP), over the 100 MP limit; "
                + "raise --max-pixels if this is a real photo"
        )
    }

    /// The C shim checks the limit again after its own header read, so a probe that disagreed with
    /// libjpeg/libpng could not smuggle a bomb through: bypass the Swift check with a lying header.
    @Test("the shim refuses over-limit images even if the Swift-side check is bypassed")
    func shimLimit() throws {
        let lying = ImageHeader(
            format: .png, width: 1, height: 1, components: 3, bitDepth: 8, colorModel: .rgb, isProgressive: false)
        for (bytes, format) in [(PNGBytes.declaring(width: 60_000, height: 60_000), "PNG"), (Self.jpeg, "JPEG")] {
            var header = lying
            header.format = format == "PNG" ? .png : .jpeg
            let error = #expect(throws: ImageError.self) {
                try bytes.withBytes { (raw) throws(ImageError) in
                    try ImageCodec.decodeStored(
                        raw, header: header, target: .fullSize, alpha: .drop, maxPixels: format == "PNG" ? 1_000 : 100)
                }
            }
            #expect(error?.code == .tooLarge)
            #expect(error?.description.hasPrefix("\(format) declares") == true)
        }
    }

    @Test("the pixel limit applies to JPEG's declared size, before DCT scaling")
    func jpegOverLimit() {
        let error = failure(Self.jpeg, maxPixels: 256 * 192 - 1)
        #expect(error?.code == .tooLarge)
        #expect(error?.description.contains("256×192") == true)
        #expect(throws: Never.self) { try ImageCodec.decode(Self.jpeg, maxPixels: 256 * 192) }
    }

    @Test("truncated PNG", arguments: [8, 30, 40, -60, -13])
    func truncatedPNG(cut: Int) {
        let length = cut < 0 ? Self.png.count + cut : cut
        let error = failure(Array(Self.png[0..<length]))
        #expect(error?.code == .truncated)
    }

    @Test("a PNG with a damaged IDAT fails its CRC")
    func corruptPNG() {
        var bytes = Self.png
        bytes[bytes.count / 2] ^= 0x55
        let error = failure(bytes)
        #expect(error?.code == .corrupt)
        #expect(error?.description.contains("PNG data is corrupt") == true)
    }

    @Test("a PNG whose IHDR is malformed is refused by the probe")
    func badIHDR() {
        var bytes = PNGBytes.declaring(width: 16, height: 16)
        bytes[25] = 7  // colour type 7 does not exist
        #expect(failure(bytes)?.code == .corrupt)
    }

    @Test("random single-byte damage never crashes (fixed seed)")
    func randomDamage() {
        var random = SplitMix64(seed: 42)
        for source in [Self.jpeg, Self.png] {
            for _ in 0..<60 {
                var bytes = source
                for _ in 0..<3 {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                // Success is allowed (damage in metadata); a crash or a wrong-size result is not.
                if let image = try? ImageCodec.decode(bytes) {
                    #expect(image.pixels.count == image.width * image.height * 3)
                }
            }
        }
    }
}
