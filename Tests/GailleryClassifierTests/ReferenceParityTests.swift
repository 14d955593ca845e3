import Foundation
import GailleryClassifier
import Testing

/// The acceptance check: on every fixture photo and for both models, the Swift top 5 (full
/// decode) has the same classes in the same order as the Python reference, each probability within 0.02.
/// DCT-reduced decoding does not keep that tolerance on large JPEGs (see `Preprocessing.DecodeScale`), so
/// it is checked for what it promises: identical below the headroom, right answers above it.
@Suite struct ReferenceParityTests {
    static let tolerance = 0.02

    @Test("full decode matches the reference", arguments: Fixtures.modelIDs)
    func fullDecode(model: String) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try GeneratedPhotos.write(to: directory)
        let photos =
            try Fixtures.parityPhotos.map(Fixtures.photo)
            + (GeneratedPhotos.exact + [GeneratedPhotos.sixteenBit]).map { generated[$0]! }
        let reference = try Reference.classify(model: model, paths: photos)
        let classifier = try Fixtures.classifier(model)
        var batch: [Float] = []
        for photo in photos {
            batch += try classifier.preprocessing.tensor(fromEncoded: [UInt8](Data(contentsOf: photo)))
        }
        let results = try classifier.classify(tensors: batch, count: photos.count)
        try #require(reference.images.count == photos.count)
        for ((photo, expected), result) in zip(zip(photos, reference.images), results) {
            let name = "\(model) \(photo.lastPathComponent)"
            #expect(result.predictions.map(\.index) == expected.top.map(\.index), "\(name)")
            #expect(result.predictions.map(\.wnid) == expected.top.map(\.wnid), "\(name)")
            #expect(result.predictions.map(\.label) == expected.top.map(\.label), "\(name)")
            for (mine, theirs) in zip(result.predictions, expected.top) {
                #expect(abs(mine.probability - theirs.prob) <= Self.tolerance, "\(name): \(mine) vs \(theirs.prob)")
            }
        }
    }

    @Test("reduced decode is exact below the headroom and right above it", arguments: Fixtures.modelIDs)
    func reducedDecode(model: String) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try GeneratedPhotos.write(to: directory)
        let preprocessing = try Fixtures.classifier(model).preprocessing
        // rocket.jpg (shorter side 427) and the EXIF JPEG (300) are under 2 x 256: decoded in full.
        for photo in [try Fixtures.photo("rocket.jpg"), generated["chelsea-exif6.jpg"]!] {
            let bytes = [UInt8](try Data(contentsOf: photo))
            #expect(
                try preprocessing.tensor(fromEncoded: bytes, scale: .reduced)
                    == preprocessing.tensor(fromEncoded: bytes),
                "\(photo.lastPathComponent)")
        }
        // coffee-large.jpg (2400 × 1600) decodes at 3/8: a different input, the same answer.
        let bytes = [UInt8](try Data(contentsOf: generated["coffee-large.jpg"]!))
        let reduced = try preprocessing.tensor(fromEncoded: bytes, scale: .reduced)
        #expect(reduced != (try preprocessing.tensor(fromEncoded: bytes)))
        let result = try #require(try Fixtures.classifier(model).classify(tensors: reduced, count: 1).first)
        #expect(result.predictions.first?.label == "espresso", "\(result.predictions)")
    }
}
