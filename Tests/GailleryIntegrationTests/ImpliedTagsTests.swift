import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Every word a label implies, through the real daemon and the real model: the cat photo is found by
/// its WordNet hypernyms and by aliases, and `tags.list` keeps the everyday categories first.
@Suite struct ImpliedTagsTests {
    @Test func theCatIsFoundAsAFelineAKittyAndKittiesButNotAsAnAutomobile() throws {
        let chelsea = ClassificationTests.photos + "/chelsea.png"
        try #require(FileManager.default.fileExists(atPath: chelsea), "python3-skimage is missing; run `make test`")
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        try #require(status.classifier.ready, "classifier not ready: \(status.classifier.reason ?? "")")
        let cat = try client.call(PhotosUpload.self, .init(path: chelsea)).id
        let coffee = try client.call(PhotosUpload.self, .init(path: ClassificationTests.photos + "/coffee.png")).id
        let bike = try client.call(PhotosUpload.self, .init(path: ClassificationTests.photos + "/motorcycle_left.png"))
            .id
        let waited = try client.call(PhotosWait.self, .init(ids: [cat, coffee, bike], timeoutMs: 120_000))
        #expect(waited.photos.allSatisfy { $0.status == "done" }, "\(waited)")

        func found(_ query: String) throws -> [Int64] {
            try client.call(PhotosSearch.self, .init(query: query)).photos.map(\.id)
        }
        // Implied tags (hypernyms) and aliases (synonyms, narrower words, plurals) find the cat alone.
        for query in ["feline", "carnivore", "mammal", "\"domestic cat\"", "kitty", "kitties", "puss", "felid"] {
            let photos = try found(query)
            #expect(photos == [cat], "\(query): \(photos), the cat is \(cat)")
        }
        #expect(try found("\"motor vehicle\"") == [bike])
        // Typed commands resolve the same aliases.
        for text in ["show me photos of kitties", "find pictures of felids or puss"] {
            let shown = try client.call(AssistantCommand.self, .init(text: text))
            #expect(shown.result?.photos == [cat], "\(text): \(shown)")
        }
        #expect(try found("automobile").isEmpty, "a moped is not a car")
        #expect(try found("kitty -feline").isEmpty)
        #expect(try found("kitty | espresso") == [cat, coffee] || found("kitty | espresso") == [coffee, cat])
        // A manual tag that is also an alias is still found by that word.
        _ = try client.call(PhotosTag.self, .init(id: coffee, add: ["kitty"]))
        #expect(Set(try found("kitty")) == [cat, coffee])

        let tags = try client.call(PhotosGet.self, .init(id: cat)).tags ?? []
        let feline = try #require(tags.first { $0.tag == "feline" })
        #expect(feline.source == "model" && feline.confidence > 0.5, "\(tags)")
        #expect(!tags.contains { ["organism", "entity", "vertebrate", "object"].contains($0.tag) }, "\(tags)")

        // Everyday categories first (each on one photo), then the rest (mammal, carnivore, ...).
        let listed = try client.call(TagsList.self, .init()).tags.map(\.tag)
        let everyday = try Self.categories()
        let lastEveryday = try #require(listed.lastIndex { everyday.contains($0) })
        let firstOther = try #require(listed.firstIndex { !everyday.contains($0) })
        #expect(lastEveryday < firstOther, "\(listed)")
        #expect(listed.contains("mammal") && listed.contains("feline") && listed.contains("cat"), "\(listed)")
    }

    /// The everyday categories of the taxonomy the daemon loads.
    private static func categories() throws -> Set<String> {
        let url = URL(fileURLWithPath: DaemonHarness.modelsDirectory).appendingPathComponent("taxonomy.json")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let categories = try #require(file?["categories"] as? [[String: Any]])
        return Set(categories.compactMap { $0["tag"] as? String })
    }
}
