/// Typed or transcribed command text split into lowercase words, with where commas were.
///
/// Letters, digits, apostrophes and hyphens make up words; `&` is the word "and"; a comma separates
/// tags ("dogs, cats and birds"); other punctuation is dropped. Curly apostrophes become straight ones.
package struct CommandWords: Sendable, Equatable {
    /// The words, lowercased.
    package var words: [String]
    /// For each word, whether a comma came right before it.
    package var commaBefore: [Bool]

    /// Splits `text` into words.
    package init(_ text: String) {
        var words: [String] = []
        var commaBefore: [Bool] = []
        var current = ""
        var comma = false
        func flush() {
            guard !current.isEmpty else { return }
            words.append(current)
            commaBefore.append(comma)
            current = ""
            comma = false
        }
        for character in text.lowercased() {
            switch character {
            case "\u{2019}", "\u{2018}", "'": current.append("'")
            case "&":
                flush()
                current = "and"
                flush()
            case ",":
                flush()
                comma = !words.isEmpty
            case _ where character.isLetter || character.isNumber || character == "-" || character == "_":
                current.append(character)
            default: flush()
            }
        }
        flush()
        self.words = words
        self.commaBefore = commaBefore
    }

    /// Words that are politeness or an address to the assistant, removed from the start ...
    private static let leading: [[String]] = [
        ["please"], ["hey", "gaillery"], ["ok", "gaillery"], ["okay", "gaillery"], ["gaillery"], ["can", "you"],
        ["could", "you"], ["would", "you"], ["will", "you"], ["i", "want", "to"], ["i'd", "like", "to"],
    ]
    /// ... and from the end of typed commands.
    private static let trailing: [[String]] = [["please"], ["thanks"], ["thank", "you"], ["now"]]

    /// The words without leading and trailing politeness ("please", "could you", "thank you").
    package func withoutPoliteness() -> CommandWords {
        var start = 0
        var end = words.count
        var changed = true
        while changed {
            changed = false
            for phrase in Self.leading
            where end - start > phrase.count && Array(words[start..<(start + phrase.count)]) == phrase {
                start += phrase.count
                changed = true
            }
            for phrase in Self.trailing
            where end - start > phrase.count && Array(words[(end - phrase.count)..<end]) == phrase {
                end -= phrase.count
                changed = true
            }
        }
        var result = self
        result.words = Array(words[start..<end])
        result.commaBefore = Array(commaBefore[start..<end])
        if !result.commaBefore.isEmpty { result.commaBefore[0] = false }
        return result
    }
}
