/// One token of a query, with the 1-based column (in characters) where it starts.
struct QueryToken: Equatable {
    enum Kind: Equatable {
        /// An unquoted word that is not an operator keyword.
        case word(String)
        /// A `"quoted"` tag, escapes resolved.
        case quoted(String)
        /// `key:value`; `valueColumn` is where the value starts.
        case filter(key: String, value: String, valueColumn: Int)
        case and, or, not, open, close, end
    }

    let kind: Kind
    let column: Int
    /// The token as typed (`&`, `and`, `-`), for error messages.
    let text: String

    /// Whether this token can start an operand (so that juxtaposition means AND).
    var startsOperand: Bool {
        switch kind {
        case .word, .quoted, .filter, .not, .open: true
        case .and, .or, .close, .end: false
        }
    }
}

/// Splits a query into tokens. Words end at whitespace, parentheses, `&`, `|` and `"`; a `-` or `!`
/// that starts a token is NOT; `and`, `or`, `not` (any case) are operators.
enum QueryLexer {
    /// The tokens of `characters`, ending with `.end`.
    ///
    /// - Throws: `QueryError` for an unclosed quote.
    static func tokens(_ characters: [Character]) throws(QueryError) -> [QueryToken] {
        var tokens: [QueryToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            func emit(_ kind: QueryToken.Kind, length: Int) {
                tokens.append(QueryToken(kind: kind, column: column, text: String(characters[index..<index + length])))
                index += length
            }
            switch character {
            case _ where character.isWhitespace: index += 1
            case "(": emit(.open, length: 1)
            case ")": emit(.close, length: 1)
            case "&", "|":
                let doubled = index + 1 < characters.count && characters[index + 1] == character
                emit(character == "&" ? .and : .or, length: doubled ? 2 : 1)
            case "-", "!": emit(.not, length: 1)
            case "\"":
                let (text, end) = try quoted(characters, openingAt: index)
                tokens.append(QueryToken(kind: .quoted(text), column: column, text: String(characters[index..<end])))
                index = end
            default:
                var end = index
                while end < characters.count, !isDelimiter(characters[end]) { end += 1 }
                let word = String(characters[index..<end])
                if let colon = word.firstIndex(of: ":"), word[..<colon].allSatisfy({ $0.isASCII && $0.isLetter }),
                    colon > word.startIndex
                {
                    let key = word[..<colon].lowercased()
                    var value = String(word[word.index(after: colon)...])
                    let valueColumn = column + key.count + 1
                    if value.isEmpty, end < characters.count, characters[end] == "\"" {
                        (value, end) = try quoted(characters, openingAt: end)
                    }
                    tokens.append(
                        QueryToken(
                            kind: .filter(key: key, value: value, valueColumn: valueColumn), column: column,
                            text: String(characters[index..<end])))
                    index = end
                } else {
                    let kind: QueryToken.Kind =
                        switch word.lowercased() {
                        case "and": .and
                        case "or": .or
                        case "not": .not
                        default: .word(word)
                        }
                    emit(kind, length: end - index)
                }
            }
        }
        tokens.append(QueryToken(kind: .end, column: characters.count + 1, text: ""))
        return tokens
    }

    private static func isDelimiter(_ character: Character) -> Bool {
        character.isWhitespace || "()&|\"".contains(character)
    }

    /// Reads a quoted string whose opening quote is at `start`; returns its text and the index after
    /// the closing quote.
    private static func quoted(_ characters: [Character], openingAt start: Int) throws(QueryError) -> (String, Int) {
        var text = ""
        var index = start + 1
        while index < characters.count {
            switch characters[index] {
            case "\"": return (text, index + 1)
            case "\\" where index + 1 < characters.count:
                text.append(characters[index + 1])
                index += 2
            default:
                text.append(characters[index])
                index += 1
            }
        }
        throw QueryError(
            column: start + 1, message: "unclosed quote opened at column \(start + 1); add a closing \"")
    }
}
