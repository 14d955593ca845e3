import GailleryCore

/// The sentences the Moonshine recognizer may act on: the spoken command templates with the tag slot
/// filled from a live vocabulary (tag names and label names, any spelling), as a `WordGraph`.
///
/// Unlike `CommandGrammar` it needs no pronunciation dictionary: a phrase is kept when its words are
/// letters and apostrophes (`SpokenForms.words`), so any tag a user types can be said. Built once per
/// vocabulary change (about a millisecond per hundred tags) and shared by every recognizer.
package struct MoonshineGrammar: Sendable {
    /// Every spoken tag phrase ("dogs", "golden retrievers") and the tag it names.
    package let phrases: [String: TagName]
    /// Vocabulary entries left out, each with the reason.
    package let dropped: [String]
    /// The automaton the decoder's hypotheses are matched against.
    package let graph: WordGraph
    /// Identity of this build, so a recognizer drops its cached token matches only when handed another.
    let token = CommandGrammar.Token()

    /// Builds the grammar for `vocabulary`.
    package init(vocabulary: some Sequence<String>) {
        var phrases: [String: TagName] = [:]
        var ordered: [String] = []
        var dropped: [String] = []
        for raw in vocabulary {
            guard let tag = try? TagName(raw) else {
                dropped.append("\"\(raw)\" is not a valid tag")
                continue
            }
            guard let words = SpokenForms.words(of: tag.rawValue) else {
                dropped.append("\"\(raw)\" has characters that cannot be spoken")
                continue
            }
            for variant in SpokenForms.variants(of: words) {
                let spoken = variant.joined(separator: " ")
                if phrases[spoken] == nil {
                    phrases[spoken] = tag
                    ordered.append(spoken)
                }
            }
        }
        self.phrases = phrases
        self.dropped = dropped
        self.graph = WordGraph(commandsWithTags: ordered)
    }

    /// The intent of an allowed sentence (the recognizer's `transcript`), tags mapped through `phrases`.
    package func parse(_ sentence: String) -> ParsedIntent { IntentParser(phrases: phrases).parse(text: sentence) }
}
