import Foundation
import GailleryClassifier
import GailleryVision
import Testing

/// The Swift input tensors against the Python reference's (`reference.py --save-input`), value by value.
@Suite struct PreprocessingTests {
    @Test("tensors equal the reference's bit for bit", arguments: Fixtures.modelIDs)
    func tensorsEqualReference(model: String) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try GeneratedPhotos.write(to: directory)
        let photos = try Fixtures.parityPhotos.map(Fixtures.photo) + GeneratedPhotos.exact.map { generated[$0]! }
        let worst = try largestDifferences(model: model, photos: photos, in: directory)
        for (photo, difference) in zip(photos, worst) {
            #expect(difference == 0, "\(photo.lastPathComponent): largest difference \(difference)")
        }
    }

    @Test("16-bit samples are within two levels of PIL's", arguments: Fixtures.modelIDs)
    func sixteenBitWithinTwoLevels(model: String) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let photo = try #require(try GeneratedPhotos.write(to: directory)[GeneratedPhotos.sixteenBit])
        let preprocessing = try Preprocessing(Fixtures.load().catalog.manifest(id: model))
        let twoLevels = Float(2.0001) / 255 / preprocessing.std.min()!
        let difference = try #require(try largestDifferences(model: model, photos: [photo], in: directory).first)
        #expect(difference <= twoLevels, "largest difference \(difference)")
    }

    @Test func planesAreRedGreenBlueWithTheManifestsMeanAndStd() throws {
        let preprocessing = try Preprocessing(Fixtures.load().catalog.manifest(id: "mobilenet-v2"))
        let image = RGBImage(width: 300, height: 260) { _, _ in (255, 0, 128) }
        let tensor = try preprocessing.tensor(from: image)
        let plane = 224 * 224
        #expect(tensor.count == 3 * plane)
        let expected: [Float] = [(1 - 0.485) / 0.229, (0 - 0.456) / 0.224, (128.0 / 255 - 0.406) / 0.225]
        for channel in 0..<3 {
            let values = Set(tensor[(channel * plane)..<((channel + 1) * plane)])
            #expect(values.count == 1 && abs(values.first! - expected[channel]) < 1e-6, "channel \(channel): \(values)")
        }
    }

    @Test func extremeAspectRatioIsRefused() throws {
        let preprocessing = try Preprocessing(Fixtures.load().catalog.manifest(id: "mobilenet-v2"))
        let strip = RGBImage(width: 5100, height: 100) { _, _ in (9, 9, 9) }
        let error = #expect(throws: ClassifierError.self) { try preprocessing.tensor(from: strip) }
        #expect(error?.code == .image)
        #expect(error?.description == "the image cannot be classified: it is 5100×100, more elongated than 50:1")
    }

    @Test func undecodableBytesCarryTheDecodersError() throws {
        let preprocessing = try Preprocessing(Fixtures.load().catalog.manifest(id: "mobilenet-v2"))
        let jpeg = try Fixtures.photoBytes("rocket.jpg")
        let error = #expect(throws: ClassifierError.self) {
            try preprocessing.tensor(fromEncoded: Array(jpeg.prefix(jpeg.count / 2)))
        }
        #expect(error?.code == .image)
        #expect(error?.imageError?.code == .truncated, "\(String(describing: error))")
    }

    /// Per photo, the largest absolute difference between the Swift tensor (full decode) and the reference's.
    private func largestDifferences(model: String, photos: [URL], in directory: URL) throws -> [Float] {
        let saved = directory.appendingPathComponent("\(model).npy")
        _ = try Reference.classify(model: model, paths: photos, saveInput: saved)
        let (shape, values) = try Reference.readNPY(saved)
        let preprocessing = try Preprocessing(Fixtures.load().catalog.manifest(id: model))
        let count = preprocessing.tensorCount
        try #require(shape == [photos.count, 3, preprocessing.crop, preprocessing.crop], "reference shape \(shape)")
        return try photos.enumerated().map { index, photo in
            let tensor = try preprocessing.tensor(fromEncoded: [UInt8](Data(contentsOf: photo)))
            let reference = values[(index * count)..<((index + 1) * count)]
            return zip(tensor, reference).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
        }
    }
}
