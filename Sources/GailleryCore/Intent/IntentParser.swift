/// Turns command text (typed, or a recognizer transcript) into an intent and its tags.
///
/// Understood: "show me photos / pictures / images of X [and Y]", "find photos of X", "search for X",
/// "how many photos of X [do I have]", "next [photo]", "previous photo", "go back", "close the gallery",
/// "show me the latest photos", "show all photos", "delete this photo", "undo", and looser typed
/// variants ("please show me pics of dogs, cats & birds", "count photos of cats"); see `IntentTemplates`.
/// Anything else is `Intent.none` with a reason. Tags are canonicalised with `TagName` ("dogs" → "dog").
///
/// With `phrases` (the speech grammar's spoken forms → tags), tag text is split so that known phrases
/// stay whole even when they contain "and" ("salt and pepper"), and spoken forms map to their tag.
public struct IntentParser: Sendable {
    /// Known spoken tag phrases (lowercase words separated by single spaces) and the tag each names.
    public var phrases: [String: TagName]

    /// A parser that knows `phrases` (may be empty: every tag is then canonicalised as written).
    public init(phrases: [String: TagName] = [:]) { self.phrases = phrases }

    /// Parses `text` with no known phrases.
    public static func parse(text: String) -> ParsedIntent { IntentParser().parse(text: text) }

    /// Parses `text`; never fails: text that is not a command gives `Intent.none` and a reason.
    public func parse(text: String) -> ParsedIntent {
        let input = CommandWords(text).withoutPoliteness()
        guard !input.words.isEmpty else {
            return .none("nothing to do: the command is empty; try \"show me photos of dogs\"")
        }
        // "… from 2024", "… from last summer": a search or count of the photos taken then.
        let (undated, dates) = input.splittingDates()
        if let dates {
            var parsed = parse(words: undated)
            if parsed.intent == .search || parsed.intent == .count {
                parsed.dates = dates
                return parsed
            }
        }
        return parse(words: input)
    }

    private func parse(words input: CommandWords) -> ParsedIntent {
        let matcher = TemplateMatcher(rules: IntentTemplates.typedRules)
        for template in IntentTemplates.all {
            guard let match = matcher.match(template.nodes, input.words) else { continue }
            guard let span = match.tags else { return ParsedIntent(template.intent) }
            switch TagSegmenter(phrases: phrases).tags(in: input, span: span) {
            case .success(let tags): return ParsedIntent(template.intent, tags: tags)
            case .failure(let error): return .none(error.message)
            }
        }
        return .none(
            "not a command: \"\(input.words.joined(separator: " "))\"; try \"show me photos of dogs\", "
                + "\"how many photos of cats\", \"next\", \"go back\", \"show all photos\", \"delete this photo\" "
                + "or \"undo\""
        )
    }
}
