import GailleryCore

extension WordGraph {
    /// A graph that allows exactly `sentences` (each a space-separated word sequence).
    package init(sentences: [String]) {
        var builder = WordGraphBuilder()
        for sentence in sentences {
            let words = sentence.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            builder.finals.insert(builder.addPath(words, from: builder.initial))
        }
        self.init(builder)
    }

    /// The spoken command grammar: every template of `IntentTemplates.spoken` with its rules, and the tag
    /// slot as one tag phrase or two joined by "and" or "or" (the same language as the pocketsphinx JSGF
    /// grammar).
    /// Templates that take tags are left out when `tagPhrases` is empty.
    package init(commandsWithTags tagPhrases: [String]) {
        var builder = WordGraphBuilder()
        let phrases = tagPhrases.map { $0.split(separator: " ").map(String.init) }.filter { !$0.isEmpty }
        for template in IntentTemplates.spoken where !phrases.isEmpty || !template.intent.takesTags {
            let end = Self.expand(template.nodes, from: builder.initial, into: &builder, tags: phrases)
            builder.finals.insert(end)
        }
        self.init(builder)
    }

    /// Adds `nodes` as paths from `from`; returns the state they end in.
    private static func expand(
        _ nodes: [TemplateNode], from: Int, into builder: inout WordGraphBuilder, tags: [[String]]
    ) -> Int {
        var state = from
        for node in nodes {
            switch node {
            case .word(let word):
                state = builder.addPath([word], from: state)
            case .optional(let inner):
                let end = expand(inner, from: state, into: &builder, tags: tags)
                builder.addEpsilon(from: state, to: end)
                state = end
            case .choice(let alternatives):
                let join = builder.newState()
                for alternative in alternatives {
                    builder.addEpsilon(from: expand(alternative, from: state, into: &builder, tags: tags), to: join)
                }
                state = join
            case .rule(let name):
                state = expand(IntentTemplates.spokenRules[name] ?? [], from: state, into: &builder, tags: tags)
            case .tags:
                let first = builder.newState()
                for phrase in tags { builder.addPath(phrase, from: state, to: first) }
                let afterAnd = builder.addPath(["and"], from: first)
                builder.addPath(["or"], from: first, to: afterAnd)
                let second = builder.newState()
                for phrase in tags { builder.addPath(phrase, from: afterAnd, to: second) }
                builder.addEpsilon(from: first, to: second)
                state = second
            }
        }
        return state
    }
}
