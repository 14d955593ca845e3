import GailleryCore

/// The speech grammar for one vocabulary: JSGF text generated from the spoken command templates and the
/// tag phrases the pronunciation dictionary can pronounce, plus the map from spoken tag phrases to tags.
///
/// Built once per vocabulary change (cheap: a few milliseconds for a thousand tags) and shared by every
/// decoder of a `RecognizerPool`; decoders compile it lazily, on their next utterance.
package struct CommandGrammar: Sendable {
    /// A vocabulary phrase left out of the grammar, and why.
    package struct DroppedPhrase: Sendable, Hashable {
        /// The phrase as the caller gave it.
        package var phrase: String
        /// Words the dictionary cannot pronounce (empty when the phrase has characters no word can hold).
        package var missingWords: [String]
        /// A sentence for the log, e.g. `"szechuan noodle": "szechuan" is not in the pronunciation dictionary`.
        package var reason: String
    }

    /// The grammar in JSGF (public rule `<command>`).
    package let jsgf: String
    /// Every spoken tag phrase in the grammar ("dogs", "golden retrievers") and the tag it names.
    package let phrases: [String: TagName]
    /// The distinct tags the grammar can name.
    package let tags: Set<TagName>
    /// Vocabulary phrases that were left out (unpronounceable words, invalid tags), in input order.
    package let dropped: [DroppedPhrase]

    /// Identity of this build, so a decoder recompiles only when handed a different grammar.
    let token = Token()

    /// A reference whose identity stands for one grammar build.
    final class Token: Sendable {}

    /// The grammar name in the JSGF header.
    static let name = "gaillery"

    /// Builds the grammar for `vocabulary` (tag names and label names, any spelling: they are
    /// canonicalised with `TagName`), keeping only phrases whose every word `dictionary` knows.
    package init(vocabulary: some Sequence<String>, dictionary: PronunciationDictionary) {
        var phrases: [String: TagName] = [:]
        var ordered: [String] = []
        var dropped: [DroppedPhrase] = []
        for raw in vocabulary {
            guard let tag = try? TagName(raw) else {
                dropped.append(DroppedPhrase(phrase: raw, missingWords: [], reason: "\"\(raw)\" is not a valid tag"))
                continue
            }
            guard let words = SpokenForms.words(of: tag.rawValue) else {
                dropped.append(
                    DroppedPhrase(
                        phrase: raw,
                        missingWords: [],
                        reason: "\"\(raw)\" has characters that cannot be spoken"
                    )
                )
                continue
            }
            let variants = SpokenForms.variants(of: words).filter { $0.allSatisfy(dictionary.contains) }
            guard !variants.isEmpty else {
                let missing = words.filter { !dictionary.contains($0) }
                let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                let reason =
                    "\"\(raw)\": \(list) \(missing.count == 1 ? "is" : "are") not in the pronunciation dictionary"
                dropped.append(DroppedPhrase(phrase: raw, missingWords: missing, reason: reason))
                continue
            }
            for variant in variants {
                let spoken = variant.joined(separator: " ")
                if phrases[spoken] == nil {
                    phrases[spoken] = tag
                    ordered.append(spoken)
                }
            }
        }
        self.phrases = phrases
        self.tags = Set(phrases.values)
        self.dropped = dropped
        self.jsgf = Self.jsgf(tagPhrases: ordered)
    }

    /// Every word the grammar can produce (commands and tags), for checking against the dictionary.
    package var words: Set<String> {
        var words = Set(phrases.keys.flatMap { $0.split(separator: " ").map(String.init) })
        for template in IntentTemplates.spoken { words.formUnion(Self.words(in: template.nodes)) }
        for body in IntentTemplates.spokenRules.values { words.formUnion(Self.words(in: body)) }
        return words.union(["and", "or"])
    }

    private static func words(in nodes: [TemplateNode]) -> Set<String> {
        var words = Set<String>()
        for node in nodes {
            switch node {
            case .word(let word): words.insert(word)
            case .optional(let inner): words.formUnion(Self.words(in: inner))
            case .choice(let alternatives):
                for alternative in alternatives { words.formUnion(Self.words(in: alternative)) }
            case .rule, .tags: break
            }
        }
        return words
    }
}
