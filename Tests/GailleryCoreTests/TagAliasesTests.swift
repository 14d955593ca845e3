import GailleryCore
import Testing

/// Aliases rewrite queries: a word searches its tag and itself, tags are never aliases, plurals of
/// aliases canonicalise, and a query near the term limit swaps words for tags instead of widening.
@Suite struct TagAliasesTests {
    private let aliases = TagAliases(
        pairs: [
            ("automobile", "car"), ("Motorcars", "car"), ("puppy", "dog"), ("dog", "canine"), ("pooch", "dog"),
            ("pooch", "cat"), ("bad\u{1}", "dog"),
        ],
        plurals: [("mice", "mouse"), ("geese", "goose"), ("oxen", "ox"), ("kine", "cow")],
        tags: [
            try! TagName("car"), try! TagName("dog"), try! TagName("canine"), try! TagName("goose"),
            try! TagName("cow"),
        ])

    private func resolved(_ text: String) throws -> String {
        aliases.resolving(try TagQuery(parsing: text)).description
    }

    @Test func pairsAreCanonicalTagsWinAndTheFirstPairForAWordIsKept() throws {
        #expect(aliases.tag(for: try TagName("automobile"))?.rawValue == "car")
        #expect(aliases.tag(for: try TagName("motorcar"))?.rawValue == "car")
        #expect(aliases.tag(for: try TagName("dog")) == nil, "dog is a tag")
        #expect(aliases.tag(for: try TagName("pooch"))?.rawValue == "dog")
        #expect(aliases.tag(for: try TagName("kine"))?.rawValue == "cow", "an irregular plural of a tag")
        #expect(aliases.count == 5, "automobile, motorcar, puppy, pooch, kine; no bad word: \(aliases.count)")
    }

    @Test func queriesSearchTheWordAndItsTag() throws {
        #expect(try resolved("automobiles") == "(or automobile car)")
        #expect(try resolved("automobile -puppy beach") == "(and (or automobile car) (not (or puppy dog)) beach)")
        #expect(try resolved("automobile | car | cat") == "(or automobile car cat)")
        #expect(try resolved("dog beach since:2024") == "(and dog beach since:2024)")
        #expect(TagAliases().resolving(try TagQuery(parsing: "automobile")) == .tag(try TagName("automobile")))
    }

    @Test func nearTheTermLimitWordsAreSwappedForTags() throws {
        let others = (1...30).map { "t\($0)" }.joined(separator: " ")
        let query = aliases.resolving(try TagQuery(parsing: "automobile puppy " + others))
        #expect(query.allTags.count == 32)
        #expect(query.allTags.prefix(2).map(\.rawValue) == ["car", "dog"], "\(query)")
    }
}
