import Testing

@testable import GailleryVision

@Suite("PNG decoding")
struct PNGDecodeTests {
    typealias Description = ImageCodec.PNGDescription

    @Test("8-bit RGB round trip is exact, interlaced or not", arguments: [false, true])
    func rgbRoundTrip(interlaced: Bool) throws {
        let source = Fixture.gradient(width: 61, height: 37)
        let png = try ImageCodec.encodePNG(source, interlaced: interlaced)
        let header = try ImageCodec.probe(png)
        #expect(
            header
                == ImageHeader(
                    format: .png, width: 61, height: 37, components: 3, bitDepth: 8,
                    colorModel: .rgb, isProgressive: interlaced))
        #expect(try ImageCodec.decode(png) == source)
        #expect(try ImageCodec.decode(png, target: .longSide(atLeast: 8)) == source)  // PNG: always full size
    }

    /// 16-bit samples are scaled with rounding: round(v * 255 / 65535).
    @Test("16-bit RGB scales to 8 bits with rounding")
    func sixteenBit() throws {
        let values: [UInt16] = [0xFFFF, 0x8000, 0x0000, 0x1234, 0x7F7F, 0x0080]
        let rows = values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let png = try ImageCodec.encodePNG(rows: rows, Description(width: 2, height: 1, colorType: .rgb, bitDepth: 16))
        #expect(try ImageCodec.probe(png).bitDepth == 16)
        #expect(try ImageCodec.decode(png).pixels == [255, 128, 0, 18, 127, 0])
    }

    @Test(
        "gray at 1, 2, 4 and 8 bits expands to RGB",
        arguments: [
            (1, [0, 255]), (2, [0, 85, 170, 255]),
            (4, [0, 17, 34, 255]), (8, [0, 1, 128, 255]),
        ])
    func gray(depth: Int, expected: [UInt8]) throws {
        // One row with the sample values 0, 1, 2, max (1-bit: 0, 1); packed most significant bit first.
        let maximum = (1 << depth) - 1
        let samples = depth == 1 ? [0, 1] : depth == 8 ? [0, 1, 128, 255] : [0, 1, 2, maximum]
        var packed = [UInt8](repeating: 0, count: (samples.count * depth + 7) / 8)
        for (index, sample) in samples.enumerated() {
            let bit = index * depth
            packed[bit / 8] |= UInt8(sample << (8 - depth - bit % 8))
        }
        let png = try ImageCodec.encodePNG(
            rows: packed, Description(width: samples.count, height: 1, colorType: .gray, bitDepth: depth))
        let decoded = try ImageCodec.decode(png)
        #expect(decoded.pixels == expected.flatMap { [$0, $0, $0] })
    }

    @Test("palette with tRNS: opaque entries keep their colour, transparent ones go to white or are kept")
    func palette() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]
        let description = Description(
            width: 4, height: 1, colorType: .palette, bitDepth: 2, palette: palette, transparency: [255, 255, 255, 0])
        let png = try ImageCodec.encodePNG(rows: [0b00_01_10_11], description)
        #expect(try ImageCodec.probe(png).colorModel == .palette)
        let onWhite = try ImageCodec.decode(png)
        #expect(onWhite.pixels == [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
        let dropped = try ImageCodec.decode(png, alpha: .drop)
        #expect(dropped.pixels == palette)
    }

    /// Over white: out = (c * a + 255 * (255 - a)) / 255, rounded. Black at alpha 128 gives 127.
    @Test("gray+alpha and RGBA composite on white or drop alpha", arguments: [false, true])
    func alpha(interlaced: Bool) throws {
        let grayAlpha: [UInt8] = [100, 0, 100, 255, 0, 128]
        let gaPNG = try ImageCodec.encodePNG(
            rows: grayAlpha, Description(width: 3, height: 1, colorType: .grayAlpha, interlaced: interlaced))
        #expect(try ImageCodec.decode(gaPNG).pixels == [255, 255, 255, 100, 100, 100, 127, 127, 127])
        #expect(try ImageCodec.decode(gaPNG, alpha: .drop).pixels == [100, 100, 100, 100, 100, 100, 0, 0, 0])

        let rgba: [UInt8] = [10, 20, 30, 0, 10, 20, 30, 255, 200, 0, 0, 51]
        let rgbaPNG = try ImageCodec.encodePNG(
            rows: rgba + rgba, Description(width: 3, height: 2, colorType: .rgba, interlaced: interlaced))
        #expect(try ImageCodec.probe(rgbaPNG).colorModel == .rgba)
        let row: [UInt8] = [255, 255, 255, 10, 20, 30, 244, 204, 204]
        #expect(try ImageCodec.decode(rgbaPNG).pixels == row + row)
        #expect(
            try ImageCodec.decode(rgbaPNG, alpha: .drop).pixels == [10, 20, 30, 10, 20, 30, 200, 0, 0] + [
                10, 20, 30, 10, 20, 30, 200, 0, 0,
            ])
    }

    @Test("a larger interlaced RGBA image decodes like its non-interlaced twin")
    func interlacedRGBA() throws {
        let source = Fixture.gradient(width: 45, height: 29)
        var rows = [UInt8]()
        for index in 0..<(45 * 29) {
            rows += source.pixels[(index * 3)..<(index * 3 + 3)]
            rows.append(UInt8(index % 256))
        }
        let plain = try ImageCodec.encodePNG(rows: rows, Description(width: 45, height: 29, colorType: .rgba))
        let adam7 = try ImageCodec.encodePNG(
            rows: rows, Description(width: 45, height: 29, colorType: .rgba, interlaced: true))
        #expect(try ImageCodec.probe(adam7).isProgressive)
        #expect(try ImageCodec.decode(adam7) == ImageCodec.decode(plain))
        #expect(try ImageCodec.decode(adam7, alpha: .drop) == source)
    }
}
