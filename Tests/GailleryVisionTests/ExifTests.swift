import Testing
import GailleryTestSupport

@testable import GailleryVision

@Suite("EXIF")
struct ExifTests {
    @Test("orientation and DateTimeOriginal in both byte orders", arguments: [false, true])
    func wellFormed(bigEndian: Bool) {
        let tiff = TIFFBuilder(bigEndian: bigEndian, orientation: 6, dateTimeOriginal: "2023:07:14 18:05:09").bytes
        #expect(ExifMetadata(tiff: tiff) == ExifMetadata(orientation: .rotate90, takenAt: "2023-07-14T18:05:09"))
    }

    @Test("read from a JPEG's APP1 and a PNG's eXIf chunk")
    func containers() throws {
        let tiff = TIFFBuilder(bigEndian: false, orientation: 3, dateTimeOriginal: "2001:02:03 04:05:06").bytes
        let expected = ExifMetadata(orientation: .rotate180, takenAt: "2001-02-03T04:05:06")
        let image = Fixture.gradient(width: 8, height: 8)
        #expect(ExifMetadata.read(from: try Fixture.jpeg(image, exif: tiff)) == expected)
        // Another APP1 (XMP) first must not hide the EXIF one.
        let xmp = Fixture.inserting(
            marker: 0xE1, payload: Array("http://ns.adobe.com/xap/1.0/\0<x/>".utf8),
            into: try Fixture.jpeg(image, exif: tiff))
        #expect(ExifMetadata.read(from: xmp) == expected)
        let png = PNGBytes.inserting(PNGBytes.chunk("eXIf", tiff), into: try ImageCodec.encodePNG(image))
        #expect(ExifMetadata.read(from: png) == expected)
        #expect(try ImageCodec.metadata(of: png).orientation == .rotate180)
        #expect(ExifMetadata.read(from: try ImageCodec.encodeJPEG(image)) == ExifMetadata())
    }

    @Test(
        "invalid dates are nil",
        arguments: [
            "0000:00:00 00:00:00", "    :  :     :  :  ", "2023:13:01 00:00:00", "2023:07:14 24:00:00",
            "2023:07:14", "2023-07-14 18:05:09", "20x3:07:14 18:05:09",
        ])
    func invalidDate(text: String) {
        #expect(ExifMetadata(tiff: TIFFBuilder(bigEndian: true, dateTimeOriginal: text).bytes).takenAt == nil)
    }

    @Test("orientation values outside 1...8 are nil", arguments: [0, 9, 255, 0xFFFF])
    func invalidOrientation(value: Int) {
        #expect(ExifMetadata(tiff: TIFFBuilder(bigEndian: false, orientation: value).bytes).orientation == nil)
    }

    @Test("hostile offsets and counts give nil fields, not a crash or a loop")
    func hostileStructure() {
        var loop = TIFFBuilder(bigEndian: false, orientation: 8, dateTimeOriginal: "2020:01:01 00:00:00")
        loop.exifPointerOverride = 8  // the Exif sub-IFD "is" IFD0
        #expect(ExifMetadata(tiff: loop.bytes) == ExifMetadata(orientation: .rotate270, takenAt: nil))

        var cases = [[UInt8]]()
        for pointer: UInt32 in [0xFFFF_FFF0, 0x7FFF_FFFF, 1_000] {
            var builder = TIFFBuilder(bigEndian: true, dateTimeOriginal: "2020:01:01 00:00:00")
            builder.exifPointerOverride = pointer
            cases.append(builder.bytes)
        }
        for (offset, count): (UInt32, UInt32) in [(0xFFFF_FFFF, 20), (60, 0xFFFF_FFFF), (40, 4_000_000)] {
            var builder = TIFFBuilder(bigEndian: false, dateTimeOriginal: "2020:01:01 00:00:00")
            builder.dateOffsetOverride = offset
            builder.dateCountOverride = count
            cases.append(builder.bytes)
        }
        // IFD0 offset past the end; an IFD claiming 65535 entries; wrong magic; wrong byte order mark.
        cases.append([0x49, 0x49, 42, 0, 0xFF, 0xFF, 0, 0])
        cases.append([0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0xFF, 0xFF, 0x01, 0x12])
        cases.append([0x49, 0x49, 43, 0, 8, 0, 0, 0, 0, 0])
        cases.append([0x49, 0x4D, 42, 0, 8, 0, 0, 0, 0, 0])
        for tiff in cases { #expect(ExifMetadata(tiff: tiff).takenAt == nil) }
    }

    @Test("every prefix and random damage of a valid structure is survivable (fixed seed)")
    func truncatedAndDamaged() {
        let tiff = TIFFBuilder(bigEndian: true, orientation: 5, dateTimeOriginal: "2019:11:30 23:59:60").bytes
        #expect(ExifMetadata(tiff: tiff).takenAt == "2019-11-30T23:59:60")
        for length in 0..<tiff.count {
            let prefix = ExifMetadata(tiff: Array(tiff[0..<length]))
            #expect(prefix.takenAt == nil)  // the string is last, so no prefix holds all of it
        }
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            var damaged = tiff
            for _ in 0..<4 {
                damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if let date = ExifMetadata(tiff: damaged).takenAt { #expect(date.count == 19) }
        }
    }

    @Test("a JPEG with a garbage EXIF segment still makes a thumbnail, unrotated")
    func garbageExifDoesNotFailIngest() throws {
        let jpeg = try Fixture.jpeg(
            Fixture.gradient(width: 40, height: 20), exif: [0x4D, 0x4D, 0, 42, 0xFF, 0xFF, 0xFF, 0xFF])
        let thumbnail = try ImageCodec.makeThumbnail(from: jpeg)
        #expect(thumbnail.metadata.orientation == .normal && thumbnail.metadata.takenAt == nil)
        #expect(thumbnail.width == 40 && thumbnail.height == 20)
    }
}
