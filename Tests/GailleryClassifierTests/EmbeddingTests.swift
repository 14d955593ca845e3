import Foundation
import GailleryClassifier
import GailleryVision
import Testing

/// The classifier's embedding output and the perceptual hash on real photographs (skimage's samples):
/// a resized, recompressed copy of a photo is its nearest neighbour and a few hash bits away; unrelated
/// photos are neither.
@Suite struct EmbeddingTests {
    static let photos = ["chelsea.png", "coffee.png", "astronaut.png", "rocket.jpg", "motorcycle_left.png"]

    static func decode(_ name: String) throws -> RGBImage {
        try ImageCodec.decode(Fixtures.photoBytes(name), alpha: .drop)
    }

    /// `image` at `scale` of its size, bicubic, then JPEG at `quality` and decoded again.
    static func copy(_ image: RGBImage, scale: Double, quality: Int) throws -> RGBImage {
        let small = image.resized(
            width: Int(Double(image.width) * scale), height: Int(Double(image.height) * scale), filter: .bicubic)
        return try ImageCodec.decode(ImageCodec.encodeJPEG(small, quality: quality), alpha: .drop)
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test("embedding: 1,280 values, unit length, labels unchanged", arguments: Fixtures.modelIDs)
    func embeddingIsNormalised(model: String) throws {
        let classifier = try Fixtures.classifier(model)
        #expect(classifier.manifest.embedding?.size == 1280)
        let result = try classifier.classify([Self.decode("chelsea.png")])[0]
        let embedding = try #require(result.embedding)
        #expect(embedding.count == 1280)
        #expect(abs(Self.cosine(embedding, embedding) - 1) < 1e-4)
        #expect(embedding.allSatisfy { $0 >= 0 }, "pooled ReLU6 activations are never negative")
        #expect([281, 282, 285].contains(result.predictions[0].index), "\(result.predictions)")
    }

    @Test("a resized, recompressed copy is the nearest photo and a few hash bits away", arguments: photos)
    func copyIsNearest(photo: String) throws {
        let classifier = try Fixtures.classifier("efficientnet-lite0")
        let originals = try Self.photos.map(Self.decode)
        let index = try #require(Self.photos.firstIndex(of: photo))
        let copy = try Self.copy(originals[index], scale: 0.5, quality: 60)
        let results = try classifier.classify(originals + [copy])
        let embeddings = try results.map { try #require($0.embedding) }
        let scores = originals.indices.map { Self.cosine(embeddings.last!, embeddings[$0]) }
        let nearest = scores.indices.max { scores[$0] < scores[$1] }
        #expect(nearest == index, "\(photo)'s copy scored \(scores)")
        #expect(scores[index] > 0.8, "\(scores[index])")
        let hashes = originals.map { PerceptualHash($0) }
        let copyHash = PerceptualHash(copy)
        #expect(copyHash.distance(to: hashes[index]) <= 6, "\(copyHash) vs \(hashes[index])")
        for other in originals.indices where other != index {
            #expect(copyHash.distance(to: hashes[other]) > 16, "\(photo) vs \(Self.photos[other])")
            #expect(scores[other] < 0.5, "\(photo) vs \(Self.photos[other]): \(scores[other])")
        }
    }

    @Test func hashIgnoresSizeButNotContent() throws {
        let image = try Self.decode("coffee.png")
        let hash = PerceptualHash(image)
        #expect(PerceptualHash(image) == hash, "deterministic")
        #expect(PerceptualHash(image.resized(width: 100, height: 75, filter: .bilinear)).distance(to: hash) <= 4)
        let flipped = RGBImage(width: image.width, height: image.height) { x, y in
            let pixel = image.pixel(x: image.width - 1 - x, y: y)
            return (pixel[0], pixel[1], pixel[2])
        }
        #expect(PerceptualHash(flipped).distance(to: hash) > 16, "a mirrored photo is a different frame")
        #expect(hash.description.count == 16)
    }
}
