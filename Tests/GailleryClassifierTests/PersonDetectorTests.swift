import Foundation
import GailleryClassifier
import GailleryCore
import GailleryVision
import Testing

/// The person detector on real photos (skimage's astronaut and chelsea the cat), and its decoding alone.
@Suite struct PersonDetectorTests {
    private static let detector = Result {
        try PersonDetector(
            modelsDirectory: Fixtures.modelsDirectory, runtime: Fixtures.load().runtime, intraOpThreads: 2)
    }

    private static func image(_ name: String) throws -> RGBImage {
        try ImageCodec.decode(Fixtures.photoBytes(name), alpha: .drop)
    }

    @Test func theAstronautIsAPersonAndTheCatIsNot() throws {
        let detector = try Self.detector.get()
        let found = try detector.detect(
            [Self.image("astronaut.png"), Self.image("chelsea.png")], threshold: PersonDetector.tagThreshold)
        #expect(found[0].confidence >= PersonDetector.tagThreshold, "astronaut: \(found[0].confidence)")
        #expect(found[1].confidence < PersonDetector.tagThreshold, "chelsea: \(found[1].confidence)")
        #expect(found[1].boxes.isEmpty)
        // One astronaut, seen from the chest up: her box covers the middle of the photo.
        let box = try #require(found[0].boxes.first)
        #expect(found[0].boxes.count == 1, "\(found[0].boxes)")
        #expect(box.x < 0.5 && box.x + box.width > 0.5 && box.y < 0.5 && box.y + box.height > 0.5, "\(box)")
        #expect(box.score >= PersonDetector.tagThreshold)
    }

    @Test func aBatchGivesEachImageItsOwnAnswer() throws {
        let detector = try Self.detector.get()
        let images = try ["astronaut.png", "coffee.png", "motorcycle_left.png"].map(Self.image)
        let together = try detector.detect(images, threshold: 0.5)
        for (image, batched) in zip(images, together) {
            let alone = try #require(try detector.detect([image], threshold: 0.5).first)
            #expect(abs(alone.confidence - batched.confidence) < 1e-4)
            #expect(alone.boxes.count == batched.boxes.count)
        }
        #expect(try detector.detect([], threshold: 0.5).isEmpty)
    }

    @Test func aWrongSizedBatchIsRefused() throws {
        let detector = try Self.detector.get()
        #expect(throws: ClassifierError.self) {
            try detector.detect(
                tensors: [0, 1, 2], letterboxes: [.init(photoWidth: 2, photoHeight: 1, size: 224)], threshold: 0.5)
        }
    }

    @Test func anchorsFollowMediaPipesLayout() {
        let decoding = PersonDecoding(strides: [8, 16, 32, 32, 32], anchorsPerLayer: 2, inputSize: 224)
        // 28² cells × 2 + 14² × 2 + 7² × 6 (three layers of stride 32 share one grid).
        #expect(decoding.anchors.count == 2254)
        #expect(decoding.anchors[0] == PersonDecoding.Anchor(x: 0.5 / 28, y: 0.5 / 28))
        #expect(decoding.anchors[1] == decoding.anchors[0])
        #expect(decoding.anchors[2] == PersonDecoding.Anchor(x: 1.5 / 28, y: 0.5 / 28))
        #expect(decoding.anchors.last == PersonDecoding.Anchor(x: 6.5 / 7, y: 6.5 / 7))
    }

    @Test func aWidePhotoSitsInTheMiddleOfTheSquare() {
        let box = PersonDecoding.Letterbox(photoWidth: 640, photoHeight: 480, size: 224)
        #expect(box.width == 224 && box.height == 168 && box.left == 0 && box.top == 28)
        let tall = PersonDecoding.Letterbox(photoWidth: 1, photoHeight: 1000, size: 224)
        #expect(tall.width == 1 && tall.height == 224 && tall.left == 111)
    }

    @Test func overlappingCandidatesMergeWeightedAndApartOnesStay() {
        func candidate(_ x: Double, _ score: Double) -> PersonDecoding.Candidate {
            .init(
                box: PersonBox(x: x, y: 0, width: 0.2, height: 0.2, score: score), hipX: x, hipY: 0.5, bodyX: x,
                bodyY: 0.1)
        }
        let merged = PersonDecoding.weightedSuppression([
            candidate(0.1, 0.6), candidate(0.12, 0.9), candidate(0.7, 0.8),
        ])
        #expect(merged.count == 2)
        #expect(merged[0].box.score == 0.9)
        // (0.1 * 0.6 + 0.12 * 0.9) / 1.5
        #expect(abs(merged[0].box.x - 0.112) < 1e-9)
        #expect(abs(merged[1].box.x - 0.7) < 1e-9)
        let person = merged[1].person
        #expect(abs(person.width - 0.8) < 1e-9 && abs(person.y - 0.1) < 1e-9)
    }
}
