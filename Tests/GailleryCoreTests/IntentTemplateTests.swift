import Testing

@testable import GailleryCore

/// The template notation and the spoken/typed template sets.
@Suite struct IntentTemplateTests {
    @Test func parsesNotation() {
        #expect(TemplateNode.parse("next [<photo>]") == [.word("next"), .optional([.rule("photo")])])
        #expect(
            TemplateNode.parse("previous | go back")
                == [.choice([[.word("previous")], [.word("go"), .word("back")]])]
        )
        #expect(
            TemplateNode.parse("show (a | b c) <tags>")
                == [.word("show"), .choice([[.word("a")], [.word("b"), .word("c")]]), .tags]
        )
    }

    @Test func matcherKeepsTrailingWordsOutOfTags() {
        let matcher = TemplateMatcher(rules: IntentTemplates.spokenRules)
        let words = "how many photos of dogs do i have".split(separator: " ").map(String.init)
        let match = matcher.match(IntentTemplates.spoken[3].nodes, words)
        #expect(match?.tags == 4..<5)
        #expect(matcher.match(IntentTemplates.spoken[3].nodes, ["how", "many", "photos"]) == nil)
    }

    /// Every sentence the speech grammar can produce (with sample tags) must parse to the template's intent.
    @Test func everySpokenSentenceParses() {
        for template in IntentTemplates.spoken {
            for sentence in Self.expand(template.nodes) {
                let parsed = IntentParser.parse(text: sentence)
                #expect(parsed.intent == template.intent, "\(sentence)")
                #expect(parsed.tags.isEmpty == !template.intent.takesTags, "\(sentence)")
            }
        }
    }

    /// All word sequences of `nodes`, with `<tags>` as "dogs" or "cats and birds".
    static func expand(_ nodes: [TemplateNode]) -> [String] {
        var sentences = [""]
        for node in nodes {
            let options: [String]
            switch node {
            case .word(let word): options = [word]
            case .optional(let inner): options = [""] + expand(inner)
            case .choice(let alternatives): options = alternatives.flatMap(expand)
            case .rule(let name): options = expand(IntentTemplates.spokenRules[name]!)
            case .tags: options = ["dogs", "cats and birds"]
            }
            sentences = sentences.flatMap { prefix in
                options.map { [prefix, $0].filter { !$0.isEmpty }.joined(separator: " ") }
            }
        }
        return sentences
    }
}
