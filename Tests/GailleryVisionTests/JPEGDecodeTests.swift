import Testing

@testable import GailleryVision

@Suite("JPEG decoding")
struct JPEGDecodeTests {
    @Test("round trip keeps the size and the picture", arguments: [(1, 1), (7, 5), (16, 16), (37, 23), (640, 480)])
    func roundTrip(size: (Int, Int)) throws {
        let source = Fixture.gradient(width: size.0, height: size.1)
        let jpeg = try ImageCodec.encodeJPEG(source, quality: 95)
        let header = try ImageCodec.probe(jpeg)
        #expect(
            header
                == ImageHeader(
                    format: .jpeg, width: size.0, height: size.1, components: 3, bitDepth: 8,
                    colorModel: .ycbcr, isProgressive: false))
        let decoded = try ImageCodec.decode(jpeg)
        #expect(decoded.width == size.0 && decoded.height == size.1)
        // Tiny images are all edges, which 4:2:0 chroma subsampling blurs.
        #expect(Fixture.meanError(decoded, source) < (size.0 * size.1 < 100 ? 16 : 4))
    }

    @Test(
        "DCT scaling picks the smallest N/8 that still covers the target",
        arguments: [
            (ImageCodec.DecodeTarget.fullSize, 1000, 800),
            (.longSide(atLeast: 320), 375, 300),  // 2/8 gives 250 < 320
            (.longSide(atLeast: 125), 125, 100),  // 1/8 exactly
            (.longSide(atLeast: 126), 250, 200),
            (.longSide(atLeast: 5000), 1000, 800),  // capped at full size
            (.shortSide(atLeast: 256), 375, 300),
            (.shortSide(atLeast: 301), 500, 400),
            (.shortSide(atLeast: 224), 375, 300),
        ])
    func dctScale(target: ImageCodec.DecodeTarget, width: Int, height: Int) throws {
        let jpeg = try ImageCodec.encodeJPEG(Fixture.gradient(width: 1000, height: 800), quality: 90)
        let decoded = try ImageCodec.decode(jpeg, target: target)
        #expect(decoded.width == width && decoded.height == height)
    }

    @Test("a scaled decode looks like a resized full decode")
    func scaledDecodeContent() throws {
        let source = Fixture.quadrants(width: 512, height: 256)
        let jpeg = try ImageCodec.encodeJPEG(source, quality: 95)
        let scaled = try ImageCodec.decode(jpeg, target: .longSide(atLeast: 64))
        #expect(scaled.width == 64 && scaled.height == 32)
        let reference = source.resized(width: 64, height: 32, filter: .box)
        #expect(Fixture.meanError(scaled, reference) < 6)
    }

    @Test("grayscale JPEG decodes to equal R, G and B")
    func grayscale() throws {
        let samples = (0..<(40 * 30)).map { UInt8($0 % 40 * 6) }
        let jpeg = try ImageCodec.encodeJPEG(samples: samples, width: 40, height: 30, layout: .gray, quality: 95)
        let header = try ImageCodec.probe(jpeg)
        #expect(header.colorModel == .gray && header.components == 1)
        let decoded = try ImageCodec.decode(jpeg)
        for index in stride(from: 0, to: decoded.pixels.count, by: 3) {
            #expect(decoded.pixels[index] == decoded.pixels[index + 1])
            #expect(decoded.pixels[index] == decoded.pixels[index + 2])
        }
        #expect(abs(Int(decoded.pixel(x: 20, y: 10)[0]) - 120) <= 4)
    }

    /// Adobe CMYK stores 255 - ink. Pure red is C=0 M=255 Y=255 K=0 (stored 255, 0, 0, 255); 50% black
    /// is K=128 (stored 127), i.e. grey 127.
    @Test("Adobe CMYK and YCCK JPEGs convert to RGB", arguments: [ImageCodec.JPEGLayout.cmyk, .ycck])
    func cmyk(layout: ImageCodec.JPEGLayout) throws {
        let (width, height) = (32, 16)
        var samples = [UInt8]()
        for _ in 0..<height {
            for x in 0..<width { samples += x < 16 ? [255, 0, 0, 255] : [255, 255, 255, 127] }
        }
        let jpeg = try ImageCodec.encodeJPEG(
            samples: samples, width: width, height: height, layout: layout,
            quality: 100)
        let header = try ImageCodec.probe(jpeg)
        #expect(header.colorModel == (layout == .cmyk ? .cmyk : .ycck) && header.components == 4)
        let decoded = try ImageCodec.decode(jpeg)
        #expect(Fixture.distance(decoded.pixel(x: 4, y: 8), [255, 0, 0]) <= 9)
        #expect(Fixture.distance(decoded.pixel(x: 28, y: 8), [127, 127, 127]) <= 9)
    }

    @Test("progressive JPEG decodes to the same pixels as baseline")
    func progressive() throws {
        let source = Fixture.gradient(width: 333, height: 222)
        let baseline = try ImageCodec.encodeJPEG(source, quality: 90)
        let progressive = try ImageCodec.encodeJPEG(source, quality: 90, progressive: true)
        #expect(try ImageCodec.probe(progressive).isProgressive)
        #expect(try !ImageCodec.probe(baseline).isProgressive)
        #expect(try ImageCodec.decode(progressive) == ImageCodec.decode(baseline))
        let scaled = try ImageCodec.decode(progressive, target: .longSide(atLeast: 100))
        #expect(scaled.width == 125 && scaled.height == 84)
    }

    /// Padding before EOI (libjpeg: "extraneous bytes before marker 0xd9") and data after EOI (phones
    /// append depth maps and previews there) leave every pixel intact, so both still decode.
    @Test("junk just before or after the end-of-image marker is tolerated")
    func trailingJunk() throws {
        let jpeg = try ImageCodec.encodeJPEG(Fixture.gradient(width: 64, height: 48), quality: 90)
        let clean = try ImageCodec.decode(jpeg)
        let padded = Array(jpeg.dropLast(2)) + [0x00, 0x11, 0x22] + [0xFF, 0xD9]
        #expect(try ImageCodec.decode(padded) == clean)
        #expect(try ImageCodec.decode(jpeg + Array("trailing data".utf8)) == clean)
    }
}
