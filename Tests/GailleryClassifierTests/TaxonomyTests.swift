import Foundation
import GailleryClassifier
import GailleryCore
import Testing

/// Tag confidences from probability vectors: sums over a tag's classes, the floor, the clamp, names.
@Suite struct TaxonomyTests {
    private func vector(_ entries: [Int: Float]) -> [Float] {
        var probabilities = [Float](repeating: 0, count: 1000)
        for (index, value) in entries { probabilities[index] = value }
        return probabilities
    }

    @Test func fiveDogBreedsAtFifteenPercentMakeDogSeventyFive() throws {
        let taxonomy = try Fixtures.load().taxonomy
        // 207 golden retriever, 208 Labrador retriever, 235 German shepherd, 254 pug, 263 Pembroke.
        let breeds = [207, 208, 235, 254, 263]
        let tags = taxonomy.tags(for: vector(Dictionary(uniqueKeysWithValues: breeds.map { ($0, 0.15) })))
        let byName = Dictionary(uniqueKeysWithValues: tags.map { ($0.tag.rawValue, $0) })
        #expect(abs(byName["dog"]!.confidence - 0.75) < 1e-6 && byName["dog"]!.isCategory)
        #expect(abs(byName["animal"]!.confidence - 0.75) < 1e-6)
        let golden = try #require(byName["golden retriever"])
        #expect(abs(golden.confidence - 0.15) < 1e-6 && !golden.isCategory)
        // 0.75 each: animal, dog and the hypernyms all five share (canine, carnivore, domestic animal, mammal).
        #expect(
            Array(tags.prefix(6).map(\.tag.rawValue))
                == ["animal", "canine", "carnivore", "dog", "domestic animal", "mammal"], "ties sorted by name: \(tags)"
        )
        #expect(
            tags.filter(\.isCategory).count == 2
                && tags.filter { abs($0.confidence - 0.15) < 1e-6 }.count >= breeds.count)
    }

    @Test func smallTagsFallUnderTheFloorAndSumsAreClamped() throws {
        let taxonomy = try Fixtures.load().taxonomy
        // 281 tabby 0.96, 282 tiger cat 0.04 (under the floor as a name, but counted in "cat").
        let tags = taxonomy.tags(for: vector([281: 0.96, 282: 0.0400001, 285: 0.01]))
        let names = tags.map(\.tag.rawValue)
        #expect(names.contains("tabby") && !names.contains("tiger cat") && !names.contains("egyptian cat"))
        #expect(
            tags.first.map { $0.confidence == 1 && ["animal", "cat"].contains($0.tag.rawValue) } == true, "\(tags)")
        #expect(taxonomy.tags(for: vector([281: 0.04])).isEmpty)
        // tabby, its two categories and its five implied hypernyms (domestic cat, ..., mammal).
        #expect(taxonomy.tags(for: vector([281: 0.04]), minimumConfidence: 0.01).count == 3 + 5)
    }

    @Test func everyLabelHasAReadableCanonicalNameAndMatchesTheModelsLabels() throws {
        let loaded = try Fixtures.load()
        let taxonomy = loaded.taxonomy
        let labels = try #require(loaded.classifiers["mobilenet-v2"]).labels
        #expect(taxonomy.labels.count == 1000)
        try taxonomy.check(matches: labels)
        var swapped = labels
        swapped.swapAt(3, 4)
        let error = #expect(throws: ClassifierError.self) { try taxonomy.check(matches: swapped) }
        #expect(error?.description.hasPrefix("taxonomy.json: class 3 is \(labels[3].wnid); the model's is") == true)
        #expect(taxonomy.labels[207].name.rawValue == "golden retriever")
        #expect(taxonomy.labels[207].categories.map(\.rawValue) == ["dog", "animal"])
        #expect(taxonomy.categories.count >= 30 && taxonomy.categories.map(\.rawValue).contains("musical instrument"))
    }

    @Test func brokenTaxonomyFileNamesTheProblem() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("taxonomy.json")
        try Data(
            #"{"categories": [{"tag": "dog"}], "labels": [{"index": 1, "wnid": "n1", "name": "x", "tags": []}]}"#.utf8
        )
        .write(to: file)
        let error = #expect(throws: ClassifierError.self) { try Taxonomy.load(from: file) }
        #expect(error?.description.hasPrefix("\(file.path): label at position 0 has index 1") == true)
    }
}
