/// Foundation's `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`, reimplemented step for step.
///
/// Words split where an uppercase letter (Unicode categories Lu and Lt) follows the first character,
/// and a run of capitals followed by a lowercase letter (Ll) leaves its last capital to the next word;
/// words are lowercased and joined with `_`. So `uptimeS` → `uptime_s`, `myURLProperty` →
/// `my_url_property`, and, because the first character never starts a split, `URLValue` → `u_rl_value`
/// and `ID` → `i_d` (exactly what Foundation writes).
enum WireSnakeCase {
    /// The snake_case form of a key.
    static func convert(_ key: String) -> String {
        if key.utf8.allSatisfy({ $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) {
            return key  // nothing to split or lowercase
        }
        guard !key.isEmpty else { return key }
        let scalars = key.unicodeScalars
        let end = key.endIndex
        var words: [Range<String.Index>] = []
        var wordStart = key.startIndex
        var searchStart = key.index(after: wordStart)
        while let upper = scalars[searchStart..<end].firstIndex(where: isUppercase) {
            words.append(wordStart..<upper)
            guard let lower = scalars[upper..<end].firstIndex(where: isLowercase) else {
                wordStart = upper
                break
            }
            if lower == key.index(after: upper) {
                wordStart = upper  // a capitalised word: the capital starts it
            } else {
                let beforeLower = key.index(before: lower)  // a run of capitals is its own word
                words.append(upper..<beforeLower)
                wordStart = beforeLower
            }
            searchStart = scalars.index(after: lower)
        }
        words.append(wordStart..<end)
        return words.map { key[$0].lowercased() }.joined(separator: "_")
    }

    /// Lu or Lt, as in Foundation's `uppercaseLetters` set.
    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (Unicode.Scalar("A")...Unicode.Scalar("Z")).contains(scalar) }
        let category = scalar.properties.generalCategory
        return category == .uppercaseLetter || category == .titlecaseLetter
    }

    /// Ll, as in Foundation's `lowercaseLetters` set.
    private static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (Unicode.Scalar("a")...Unicode.Scalar("z")).contains(scalar) }
        return scalar.properties.generalCategory == .lowercaseLetter
    }
}
