import Foundation
import GailleryCore
import Testing

/// Golden tests of `IntentParser` on typed text and on transcripts.
@Suite struct IntentParserTests {
    /// (text, intent, tags) that must parse exactly so.
    static let understood: [(String, Intent, [String])] = [
        ("show me photos of dogs", .search, ["dog"]),
        ("show me pictures of cats and birds", .search, ["cat", "bird"]),
        ("Show me images of golden retrievers!", .search, ["golden retriever"]),
        ("find photos of the beach", .search, ["beach"]),
        ("search for mountains", .search, ["mountain"]),
        ("please show me pics of dogs, cats & birds", .search, ["dog", "cat", "bird"]),
        ("photos of sports cars", .search, ["sports car"]),
        ("Could you find pictures of people please", .search, ["person"]),
        ("search for dogs and dogs", .search, ["dog"]),
        ("show me photos of dogs or cats", .search, ["dog", "cat"]),
        ("find pictures of cats, dogs or birds", .search, ["cat", "dog", "bird"]),
        ("how many photos of cats or dogs", .count, ["cat", "dog"]),
        ("how many photos of cats do I have", .count, ["cat"]),
        ("how many pictures of buses", .count, ["bus"]),
        ("how many dog photos are there", .count, ["dog"]),
        ("count photos of teddy bears", .count, ["teddy bear"]),
        ("next", .next, []),
        ("next photo", .next, []),
        ("Show me the next one.", .next, []),
        ("previous photo", .previous, []),
        ("go back", .previous, []),
        ("back", .previous, []),
        ("close the gallery", .close, []),
        ("close", .close, []),
        ("show me the latest photos", .latest, []),
        ("newest pics", .latest, []),
        ("show all photos", .all, []),
        ("show me all my pictures", .all, []),
        ("delete this photo", .delete, []),
        ("Delete it.", .delete, []),
        ("move this to the trash", .delete, []),
        ("undo", .undo, []),
        ("undo that", .undo, []),
        ("restore the last deleted photo", .undo, []),
    ]

    @Test("understood commands", arguments: understood)
    func parses(text: String, intent: Intent, tags: [String]) {
        let parsed = IntentParser.parse(text: text)
        #expect(parsed.intent == intent, "\(text): \(parsed.reason ?? "")")
        #expect(parsed.tags.map(\.rawValue) == tags, "\(text)")
        #expect(parsed.reason == nil)
    }

    /// Text that is not a command: intent none with a reason.
    static let notUnderstood = [
        "", "   ", "what's the weather tomorrow", "play some music", "call my mother", "delete my account",
        "show me the money", "next week is busy", "go back home", "how many people are coming to dinner",
        "delete photos of dogs", "show me photos of", "undo the knot",
    ]

    @Test("not understood gives none with a reason", arguments: notUnderstood)
    func rejects(text: String) {
        let parsed = IntentParser.parse(text: text)
        #expect(parsed.intent == .none, "\(text) parsed as \(parsed.intent) \(parsed.tags)")
        #expect(parsed.reason?.isEmpty == false)
    }

    @Test func knownPhrasesKeepAnd() {
        let phrases: [String: TagName] = [
            "salt and pepper": try! TagName("salt and pepper"), "dogs": try! TagName("dog"),
        ]
        let parsed = IntentParser(phrases: phrases).parse(text: "show me photos of salt and pepper and dogs")
        #expect(parsed.tags.map(\.rawValue) == ["salt and pepper", "dog"])
        #expect(
            IntentParser.parse(text: "show me photos of salt and pepper").tags.map(\.rawValue) == ["salt", "pepper"]
        )
    }

    @Test func knownPhraseMapsToItsTag() {
        let phrases: [String: TagName] = ["t shirts": try! TagName("t-shirt")]
        let parsed = IntentParser(phrases: phrases).parse(text: "find photos of t shirts")
        #expect(parsed.tags.map(\.rawValue) == ["t-shirt"])
    }

    @Test func invalidTagGivesItsReason() {
        let long = String(repeating: "a", count: 70)
        let parsed = IntentParser.parse(text: "show me photos of \(long)")
        #expect(parsed.intent == .none)
        #expect(parsed.reason?.contains("limit is 64") == true)
    }

    @Test func parsedIntentRoundTripsAsJSON() throws {
        let parsed = IntentParser.parse(text: "show me photos of dogs and cats")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(parsed)
        #expect(String(decoding: data, as: UTF8.self) == #"{"intent":"search","slots":{"tags":["dog","cat"]}}"#)
        #expect(try JSONDecoder().decode(ParsedIntent.self, from: data) == parsed)
    }
}
