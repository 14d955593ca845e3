import Foundation
import GailleryCore

/// How a tag can be said: its words as the speech grammar writes them, singular and plural.
enum SpokenForms {
    /// The words of `phrase` for a JSGF grammar: diacritics folded, lowercase, hyphens, underscores and
    /// slashes as spaces, apostrophes kept inside words; nil when a word has anything but a–z and
    /// apostrophes left (digits, other scripts), which the dictionary could not pronounce anyway.
    static func words(of phrase: String) -> [String]? {
        let folded = phrase.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let separated = folded.map { "-_/".contains($0) ? " " : $0 }
        var words: [String] = []
        for raw in String(separated).split(whereSeparator: { $0.isWhitespace }) {
            var word = Substring(raw)
            while let last = word.last, ".,;:!?)\"".contains(last) { word.removeLast() }
            while let first = word.first, "(\"".contains(first) { word.removeFirst() }
            while word.hasPrefix("'") { word.removeFirst() }
            while word.hasSuffix("'") { word.removeLast() }
            guard !word.isEmpty else { continue }
            guard word.allSatisfy({ ("a"..."z").contains($0) || $0 == "'" }) else { return nil }
            words.append(String(word))
        }
        return words.isEmpty ? nil : words
    }

    /// Spellings of `words` (a singular tag phrase) the user may say: the phrase itself and the plurals of
    /// its last word that canonicalise to the same tag ("dog" → "dogs"; "person" → "people"; "bus" →
    /// "buses"; "t shirt" → "t shirts").
    static func variants(of words: [String]) -> [[String]] {
        guard let last = words.last else { return [] }
        let singular = TagName.canonical(words.joined(separator: " "))
        var result = [words]
        for plural in pluralCandidates(last) where plural != last {
            let candidate = words.dropLast() + [plural]
            if TagName.canonical(candidate.joined(separator: " ")) == singular, !result.contains(Array(candidate)) {
                result.append(Array(candidate))
            }
        }
        return result
    }

    /// Plausible English plurals of `word`; wrong guesses are filtered by the caller (by canonicalising
    /// them back, and by the pronunciation dictionary).
    private static func pluralCandidates(_ word: String) -> [String] {
        var candidates = [word + "s", word + "es"]
        let replacements: [(String, String)] = [
            ("y", "ies"), ("fe", "ves"), ("f", "ves"), ("man", "men"), ("person", "people"), ("child", "children"),
            ("mouse", "mice"), ("oose", "eese"), ("oot", "eet"), ("ooth", "eeth"), ("us", "i"), ("is", "es"),
            ("ox", "oxen"),
        ]
        for (suffix, plural) in replacements where word.hasSuffix(suffix) {
            candidates.append(String(word.dropLast(suffix.count)) + plural)
        }
        return candidates
    }
}
