import Testing

@testable import GailleryVision

@Suite("thumbnails")
struct ThumbnailTests {
    @Test("a rotated 1000x800 JPEG gives an upright 256x320 thumbnail with its EXIF facts")
    func rotatedJPEG() throws {
        let tiff = TIFFBuilder(bigEndian: true, orientation: 6, dateTimeOriginal: "2024:05:01 12:30:00").bytes
        let jpeg = try Fixture.jpeg(Fixture.quadrants(width: 1000, height: 800), exif: tiff)
        let thumbnail = try ImageCodec.makeThumbnail(from: jpeg)
        #expect(thumbnail.width == 256 && thumbnail.height == 320)
        #expect(thumbnail.metadata.orientation == .rotate90 && thumbnail.metadata.takenAt == "2024-05-01T12:30:00")
        #expect(thumbnail.metadata.width == 800 && thumbnail.metadata.height == 1000)
        #expect(thumbnail.metadata.header.width == 1000)
        let decoded = try ImageCodec.decode(thumbnail.jpeg)
        #expect(decoded.width == 256 && decoded.height == 320)
        #expect(Fixture.nearestQuadrant(decoded.pixel(x: 10, y: 10)) == "B")  // rotate90: stored BL at top-left
        #expect(ExifMetadata.read(from: thumbnail.jpeg) == ExifMetadata())
    }

    @Test("small images keep their size; PNG alpha lands on white")
    func smallPNG() throws {
        let rows = [UInt8](repeating: 0, count: 100 * 50 * 4)  // fully transparent black
        let png = try ImageCodec.encodePNG(rows: rows, .init(width: 100, height: 50, colorType: .rgba))
        let thumbnail = try ImageCodec.makeThumbnail(from: png, longSide: 320, quality: 90)
        #expect(thumbnail.width == 100 && thumbnail.height == 50)
        let decoded = try ImageCodec.decode(thumbnail.jpeg)
        #expect(decoded.pixel(x: 50, y: 25).allSatisfy { $0 >= 250 })
    }

    @Test("the thumbnail matches a full decode resized the slow way")
    func matchesFullDecode() throws {
        let source = Fixture.gradient(width: 1600, height: 1200)
        let jpeg = try ImageCodec.encodeJPEG(source, quality: 92)
        let thumbnail = try ImageCodec.decode(try ImageCodec.makeThumbnail(from: jpeg).jpeg)
        #expect(thumbnail.width == 320 && thumbnail.height == 240)
        let reference = source.resized(width: 320, height: 240, filter: .bicubic)
        #expect(Fixture.meanError(thumbnail, reference) < 4)
    }
}
