import Testing

@testable import GailleryVision

@Suite("EXIF orientation")
struct OrientationTests {
    /// Displayed corners (top-left, top-right, bottom-left, bottom-right) of the stored quadrants
    /// R G / B Y, derived by hand from the EXIF 2.3 definitions of where the 0th row and column go.
    static let expectedCorners: [ExifOrientation: String] = [
        .normal: "RGBY", .flipHorizontal: "GRYB", .rotate180: "YBGR", .flipVertical: "BYRG",
        .transpose: "RBGY", .rotate90: "BRYG", .transverse: "YGBR", .rotate270: "GYRB",
    ]

    @Test(
        "decode applies all 8 orientations (EXIF in both byte orders)", arguments: ExifOrientation.allCases,
        [false, true])
    func decodeUpright(orientation: ExifOrientation, bigEndian: Bool) throws {
        let tiff = TIFFBuilder(bigEndian: bigEndian, orientation: orientation.rawValue).bytes
        let jpeg = try Fixture.jpeg(Fixture.quadrants(width: 64, height: 32), exif: tiff)
        let image = try ImageCodec.decode(jpeg)
        #expect((image.width, image.height) == (orientation.swapsAxes ? (32, 64) : (64, 32)))
        let (right, bottom) = (image.width - 5, image.height - 5)
        let corners = [(4, 4), (right, 4), (4, bottom), (right, bottom)]
            .map { Fixture.nearestQuadrant(image.pixel(x: $0.0, y: $0.1)) }
        #expect(String(corners) == Self.expectedCorners[orientation])
    }

    /// A 3x2 image with pixels numbered 0...5 row by row; each orientation's exact result by hand.
    @Test(
        "pixel-exact transforms of a 3x2 image",
        arguments: [
            (ExifOrientation.normal, 3, [0, 1, 2, 3, 4, 5]), (.flipHorizontal, 3, [2, 1, 0, 5, 4, 3]),
            (.rotate180, 3, [5, 4, 3, 2, 1, 0]), (.flipVertical, 3, [3, 4, 5, 0, 1, 2]),
            (.transpose, 2, [0, 3, 1, 4, 2, 5]), (.rotate90, 2, [3, 0, 4, 1, 5, 2]),
            (.transverse, 2, [5, 2, 4, 1, 3, 0]), (.rotate270, 2, [2, 5, 1, 4, 0, 3]),
        ])
    func exact(orientation: ExifOrientation, width: Int, order: [Int]) {
        let image = RGBImage(width: 3, height: 2) { x, y in (UInt8(y * 3 + x), 0, 7) }
        let result = image.oriented(orientation)
        #expect(result.width == width && result.height == 6 / width)
        #expect(result.pixels == order.flatMap { [UInt8($0), 0, 7] })
    }
}
