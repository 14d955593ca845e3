import Testing

@testable import GailleryVision

@Suite("resampling")
struct ResizeTests {
    /// A one-row image whose samples are the same in R, G and B.
    func row(_ values: [UInt8]) -> RGBImage {
        RGBImage(width: values.count, height: 1, pixels: values.flatMap { [$0, $0, $0] })
    }

    func samples(_ image: RGBImage) -> [UInt8] {
        stride(from: 0, to: image.pixels.count, by: 3).map { image.pixels[$0] }
    }

    /// Bilinear 4 -> 2: scale 2, support 2. Output 0 centres at 1.0 with taps 0, 1, 2 weighted
    /// 0.75, 0.75, 0.25 (normalised 3/7, 3/7, 1/7): (0*3 + 100*3 + 200) / 7 = 71.4 -> 71. Output 1 centres
    /// at 3.0 with taps 1, 2, 3 weighted 1/7, 3/7, 3/7: (100 + 600 + 765) / 7 = 209.3 -> 209.
    /// Box 4 -> 2 averages pairs: 50 and 227.5 -> 228 (fixed point rounds half up).
    @Test(
        "hand-computed downscales", arguments: [(ResampleFilter.bilinear, [71, 209] as [UInt8]), (.box, [50, 228])])
    func downscale(filter: ResampleFilter, expected: [UInt8]) {
        let source = row([0, 100, 200, 255])
        #expect(samples(source.resized(width: 2, height: 1, filter: filter)) == expected)
        // The same along the other axis.
        let column = RGBImage(width: 1, height: 4, pixels: source.pixels)
        #expect(samples(column.resized(width: 1, height: 2, filter: filter)) == expected)
    }

    /// Bilinear 2 -> 4: scale 0.5, support 1. Centres 0.25, 0.75, 1.25, 1.75 give weights
    /// (1), (0.75, 0.25), (0.25, 0.75), (1): 0, 63.75 -> 64, 191.25 -> 191, 255.
    @Test("hand-computed bilinear upscale")
    func upscale() {
        #expect(samples(row([0, 255]).resized(width: 4, height: 1, filter: .bilinear)) == [0, 64, 191, 255])
    }

    @Test("a flat image stays flat under every filter and ratio", arguments: ResampleFilter.allCases)
    func flat(filter: ResampleFilter) {
        let image = RGBImage(width: 97, height: 61) { _, _ in (200, 17, 90) }
        for (width, height) in [(13, 7), (96, 60), (97, 5), (250, 130), (1, 1)] {
            let resized = image.resized(width: width, height: height, filter: filter)
            #expect(resized == RGBImage(width: width, height: height) { _, _ in (200, 17, 90) })
        }
    }

    @Test("same size is an exact copy")
    func identity() {
        let image = Fixture.gradient(width: 31, height: 17)
        #expect(image.resized(width: 31, height: 17, filter: .lanczos) == image)
    }

    @Test("thumbnail and shorter-side sizes")
    func sizes() {
        let landscape = Fixture.gradient(width: 500, height: 375)
        #expect(landscape.sizeFitting(longSide: 320) == (320, 240))
        #expect(landscape.sizeForShorterSide(256) == (341, 256))  // int(256 * 500 / 375) = 341
        #expect(Fixture.gradient(width: 10, height: 999).sizeFitting(longSide: 320) == (3, 320))
        #expect(Fixture.gradient(width: 2, height: 2000).sizeFitting(longSide: 320) == (1, 320))
        #expect(Fixture.gradient(width: 300, height: 100).sizeFitting(longSide: 320) == (300, 100))
    }

    /// torchvision: top = int(round((h - crop) / 2)) with Python's half-to-even round.
    @Test("centre crop offsets round half to even", arguments: [(5, 2, 2), (7, 2, 2), (9, 2, 4), (6, 2, 2), (4, 4, 0)])
    func centreCrop(size: Int, crop: Int, offset: Int) {
        let image = RGBImage(width: size, height: size) { x, y in (UInt8(x), UInt8(y), 0) }
        let cropped = image.centerCropped(width: crop, height: crop)
        #expect(cropped.pixel(x: 0, y: 0) == [UInt8(offset), UInt8(offset), 0])
        #expect(cropped.width == crop && cropped.height == crop)
    }
}
