import Foundation
import GailleryClassifier
import GailleryCore
import Testing

/// Every word a label implies: WordNet hypernyms as tags (up to the stop list, capped per photo) and
/// synonyms, narrower words and irregular plurals as search aliases, on the committed taxonomy.json.
@Suite struct TaxonomyImpliedTagsTests {
    private func vector(_ entries: [Int: Float]) -> [Float] {
        var probabilities = [Float](repeating: 0, count: 1000)
        for (index, value) in entries { probabilities[index] = value }
        return probabilities
    }

    private func byName(_ tags: [TagScore]) -> [String: TagScore] {
        Dictionary(uniqueKeysWithValues: tags.map { ($0.tag.rawValue, $0) })
    }

    /// What the stop list is for: words that would be on nearly every photo of a kind.
    private static let tooGeneral = [
        "entity", "physical entity", "object", "whole", "artifact", "organism", "living thing", "abstraction",
        "instrumentality", "device", "matter", "substance", "chordate", "vertebrate", "placental",
    ]

    @Test func aBaboonIsAMonkeyAndAPrimateWithConfidencesSummed() throws {
        let taxonomy = try Fixtures.load().taxonomy
        // 372 baboon 0.6, 373 macaque 0.3: both Old World monkeys; 281 tabby 0.04 is a mammal too.
        let tags = byName(taxonomy.tags(for: vector([372: 0.6, 373: 0.3, 281: 0.04])))
        for word in ["monkey", "primate", "old world monkey"] {
            #expect(abs((tags[word]?.confidence ?? 0) - 0.9) < 1e-6, "\(word): \(tags.keys.sorted())")
            #expect(tags[word]?.isCategory == false)
        }
        #expect(abs((tags["mammal"]?.confidence ?? 0) - 0.94) < 1e-6, "\(tags.keys.sorted())")
        #expect(tags["animal"]?.isCategory == true && tags["baboon"] != nil)
        #expect(tags["feline"] == nil, "tabby's 0.04 alone stays under the floor: \(tags.keys.sorted())")
        #expect(Self.tooGeneral.allSatisfy { tags[$0] == nil }, "\(tags.keys.sorted())")
    }

    @Test func theCatPhotoThroughTheRealModelIsAFelineAndACarnivore() throws {
        let loaded = try Fixtures.load()
        let classifier = try Fixtures.classifier(ModelCatalog.defaultModelID)
        let tensor = try classifier.preprocessing.tensor(fromEncoded: Fixtures.photoBytes("chelsea.png"))
        let result = try #require(try classifier.classify(tensors: tensor, count: 1).first)
        let list = loaded.taxonomy.tags(for: result)
        let tags = byName(list)
        for word in ["feline", "domestic cat", "carnivore", "mammal"] {
            #expect((tags[word]?.confidence ?? 0) > 0.5, "\(word): \(list)")
        }
        #expect(tags["cat"]?.isCategory == true && (tags["cat"]?.confidence ?? 0) > 0.9, "\(list)")
        #expect(tags["dog"] == nil && tags["canine"] == nil && tags["vehicle"] == nil, "\(list)")
        #expect(Self.tooGeneral.allSatisfy { tags[$0] == nil }, "\(list)")
    }

    @Test func impliedTagsAreCappedKeepingTheMostConfident() throws {
        let taxonomy = try Fixtures.load().taxonomy
        // 20 unrelated classes at 0.05 each: an unsure photo, all of whose hypernyms pass the floor.
        let flat = vector(Dictionary(uniqueKeysWithValues: stride(from: 0, to: 1000, by: 50).map { ($0, 0.05) }))
        // Implied only: a word that is also some class's name ("crane") is never capped.
        let implied = Set(taxonomy.labels.flatMap(\.implied)).subtracting(taxonomy.labels.map(\.name))
        let capped = taxonomy.tags(for: flat).filter { implied.contains($0.tag) && !$0.isCategory }
        let uncapped = taxonomy.tags(for: flat, maximumImpliedTags: .max).filter {
            implied.contains($0.tag) && !$0.isCategory
        }
        #expect(uncapped.count > Taxonomy.defaultMaximumImpliedTags, "\(uncapped)")
        #expect(capped == Array(uncapped.prefix(Taxonomy.defaultMaximumImpliedTags)))
        let firstLeftOut = uncapped[Taxonomy.defaultMaximumImpliedTags].confidence
        #expect(capped.allSatisfy { $0.confidence >= firstLeftOut })
        let categories = taxonomy.tags(for: flat).filter(\.isCategory)
        #expect(categories == taxonomy.tags(for: flat, maximumImpliedTags: 0).filter(\.isCategory))
    }

    @Test func noLabelImpliesAStopWordAndEveryImpliedTagIsCanonical() throws {
        let taxonomy = try Fixtures.load().taxonomy
        let all = Set(taxonomy.labels.flatMap(\.implied).map(\.rawValue))
        #expect(all.isDisjoint(with: Self.tooGeneral), "\(all.intersection(Self.tooGeneral))")
        #expect(all.count > 500 && all.isDisjoint(with: taxonomy.categories.map(\.rawValue)))
        #expect(taxonomy.labels[207].implied.map(\.rawValue).starts(with: ["retriever", "sporting dog"]))
        // ImageNet's cup is WordNet's punch; its implied tags start from the cup that holds it.
        #expect(taxonomy.labels[968].implied.map(\.rawValue).contains("tableware"))
        #expect(!taxonomy.labels[968].implied.map(\.rawValue).contains("mixed drink"))
    }

    @Test(
        "aliases find tags",
        arguments: [
            ("automobile", "car"), ("automobiles", "car"), ("motorcar", "car"), ("puppy", "dog"),
            ("puppies", "dog"), ("pooch", "dog"), ("kitty", "domestic cat"), ("kitties", "domestic cat"),
            ("canid", "canine"), ("watercraft", "boat"), ("doggies", "dog"),
        ])
    func aliasFindsItsTag(word: String, tag: String) throws {
        let aliases = try Fixtures.load().taxonomy.aliases
        #expect(aliases.tag(for: try TagName(word))?.rawValue == tag)
    }

    @Test func tagsAreNeverAliases() throws {
        let taxonomy = try Fixtures.load().taxonomy
        let aliases = taxonomy.aliases
        #expect(aliases.count > 5000, "\(aliases.count)")
        // Words that are tags themselves: a category, an implied hypernym, a class's name. ("vessel"
        // is WordNet's first word for both a watercraft and a jug: it is the jugs' implied tag.)
        for word in ["cat", "monkey", "primate", "canine", "feline", "pier", "tabby", "vessel"] {
            let name = try TagName(word)
            let isTag =
                taxonomy.categories.contains(name) || taxonomy.labels.contains { $0.name == name }
                || taxonomy.labels.contains { $0.implied.contains(name) }
            #expect(aliases.tag(for: name) == nil && isTag, "\(word)")
        }
    }
}
