import Foundation
import GailleryClassifier
import GailleryVision
import Testing

/// Batching, concurrent callers and argument checks of `ImageClassifier`.
@Suite struct ClassifierBatchTests {
    @Test("a batch gives each image's own answer", arguments: Fixtures.modelIDs)
    func batchEqualsSingles(model: String) throws {
        let classifier = try Fixtures.classifier(model)
        let images = try ["chelsea.png", "coffee.png", "rocket.jpg"].map {
            try ImageCodec.decode(Fixtures.photoBytes($0), alpha: .drop)
        }
        let batch = try classifier.classify(images)
        for (image, together) in zip(images, batch) {
            let alone = try #require(try classifier.classify([image]).first)
            #expect(alone.predictions.map(\.index) == together.predictions.map(\.index))
            let largest = zip(alone.probabilities, together.probabilities).map { abs($0 - $1) }.max() ?? 1
            #expect(largest < 1e-4, "\(largest)")
        }
        #expect(try classifier.classify([]).isEmpty)
    }

    @Test func concurrentCallersGetTheSameAnswers() async throws {
        let classifier = try Fixtures.classifier("mobilenet-v2")
        let tensor = try classifier.preprocessing.tensor(fromEncoded: Fixtures.photoBytes("chelsea.png"))
        let expected = try classifier.classify(tensors: tensor, count: 1)[0].predictions.map(\.index)
        let answers = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask { try classifier.classify(tensors: tensor, count: 1)[0].predictions.map(\.index) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers == Array(repeating: expected, count: 4))
    }

    @Test func oneThreadWithoutSpinningGivesTheSameAnswer() throws {
        let loaded = try Fixtures.load()
        let shared = try Fixtures.classifier("mobilenet-v2")
        let single = try ImageClassifier(
            manifest: shared.manifest, modelsDirectory: Fixtures.modelsDirectory, runtime: loaded.runtime,
            intraOpThreads: 1, allowSpinning: false)
        let tensor = try shared.preprocessing.tensor(fromEncoded: Fixtures.photoBytes("coffee.png"))
        let (a, b) = (
            try shared.classify(tensors: tensor, count: 1)[0], try single.classify(tensors: tensor, count: 1)[0]
        )
        #expect(a.predictions.map(\.index) == b.predictions.map(\.index))
        #expect(zip(a.probabilities, b.probabilities).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func wrongTensorSizeIsAnArgumentError() throws {
        let classifier = try Fixtures.classifier("mobilenet-v2")
        let error = #expect(throws: ClassifierError.self) {
            try classifier.classify(tensors: [Float](repeating: 0, count: 10), count: 1)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.description == "invalid classifier call: 10 floats are not 1 tensors of 150528 floats")
    }
}
