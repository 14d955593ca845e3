import GailleryCore
import Testing

/// "More like this": the wordings that ask for photos like the one shown, and near misses that must not.
@Suite struct IntentSimilarTests {
    @Test(
        "asks for photos like the current one",
        arguments: [
            "more like this", "show me more like this", "Show me more like this!", "find more like this one",
            "show me others like this", "similar photos", "show me similar pictures", "photos like this one",
            "show me similar photos like this",
        ])
    func similar(text: String) {
        let parsed = IntentParser.parse(text: text)
        #expect(parsed.intent == .similar, "\(text) → \(parsed)")
        #expect(parsed.tags.isEmpty)
    }

    @Test(
        "not a request for similar photos", arguments: ["show me photos of dogs", "more", "like this", "delete this"])
    func notSimilar(text: String) {
        #expect(IntentParser.parse(text: text).intent != .similar, "\(text)")
    }

    @Test func theSpokenWordingIsInTheGrammar() {
        let spoken = IntentTemplates.spoken.filter { $0.intent == .similar }.map(\.text)
        #expect(spoken == ["[show me] more like this"])
    }
}
