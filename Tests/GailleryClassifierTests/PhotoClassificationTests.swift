import Foundation
import GailleryClassifier
import GailleryCore
import Testing

/// Real photographs through the real models: the right classes and the everyday tags a user searches for.
@Suite struct PhotoClassificationTests {
    static let cases = Fixtures.modelIDs.flatMap { model in Fixtures.expected.map { (model, $0.photo) } }

    @Test("a right class is in the top 5", arguments: cases)
    func rightClassInTopFive(model: String, photo: String) throws {
        let result = try classify(photo, with: model)
        let right = try #require(Fixtures.expected.first { $0.photo == photo }?.classes)
        #expect(!right.isDisjoint(with: result.predictions.map(\.index)), "\(photo): \(result.predictions)")
        #expect(result.predictions.count == 5 && result.probabilities.count == 1000)
    }

    @Test("the cat, the coffee and the motorcycle are right at top 1", arguments: Fixtures.modelIDs)
    func rightClassFirst(model: String) throws {
        for (photo, right) in Fixtures.expected where photo != "rocket.jpg" {
            let first = try #require(try classify(photo, with: model).predictions.first)
            #expect(right.contains(first.index), "\(model) \(photo): \(first)")
        }
    }

    @Test("everyday tags", arguments: Fixtures.modelIDs)
    func everydayTags(model: String) throws {
        let taxonomy = try Fixtures.load().taxonomy
        func tags(_ photo: String) throws -> [String: Double] {
            Dictionary(
                uniqueKeysWithValues: taxonomy.tags(for: try classify(photo, with: model)).map {
                    ($0.tag.rawValue, $0.confidence)
                })
        }
        let cat = try tags("chelsea.png")
        #expect(cat["cat", default: 0] > 0.9 && cat["animal", default: 0] > 0.9, "\(cat)")
        #expect(cat["tabby"] != nil && cat["egyptian cat"] != nil, "readable label names: \(cat)")
        #expect(cat["dog"] == nil && cat["vehicle"] == nil, "\(cat)")
        let coffee = try tags("coffee.png")
        #expect(coffee["drink", default: 0] > 0.9 && coffee["coffee", default: 0] > 0.9, "\(coffee)")
        #expect(coffee["espresso", default: 0] > 0.9, "\(coffee)")
        let motorcycle = try tags("motorcycle_left.png")
        #expect(motorcycle["motorcycle", default: 0] > 0.6 && motorcycle["vehicle", default: 0] > 0.6, "\(motorcycle)")
        let rocket = try tags("rocket.jpg")
        #expect(rocket["rocket", default: 0] > 0.25, "\(rocket)")
    }

    @Test func topTagOfTheCatIsCatOrAnimal() throws {
        let loaded = try Fixtures.load()
        let result = try classify("chelsea.png", with: ModelCatalog.defaultModelID)
        let first = try #require(loaded.taxonomy.tags(for: result).first)
        #expect(["cat", "animal"].contains(first.tag.rawValue) && first.isCategory, "\(first)")
    }

    private func classify(_ photo: String, with model: String) throws -> Classification {
        let classifier = try Fixtures.classifier(model)
        let tensor = try classifier.preprocessing.tensor(fromEncoded: Fixtures.photoBytes(photo))
        return try #require(try classifier.classify(tensors: tensor, count: 1).first)
    }
}
