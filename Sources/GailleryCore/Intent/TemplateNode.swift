/// One element of a command template, in a small JSGF-like notation: `word`, `[optional part]`,
/// `(one | another)`, `<rule>` (a named set of alternatives) and `<tags>` (the tag slot).
///
/// The same templates drive the typed-text parser and the speech grammar, so everything the recognizer
/// can hear is something the parser understands.
package enum TemplateNode: Sendable, Hashable {
    /// A literal lowercase word.
    case word(String)
    /// Nodes that may be left out.
    indirect case optional([TemplateNode])
    /// Alternatives, each a sequence of nodes.
    indirect case choice([[TemplateNode]])
    /// A reference to a named rule (`<photos>`), resolved by the rule set in use.
    case rule(String)
    /// The tag slot (`<tags>`): one or more tags joined by "and" (or commas in typed text).
    case tags

    /// The name the notation reserves for the tag slot.
    package static let tagSlotName = "tags"

    /// Parses template notation, e.g. `"show me <photos> of <tags>"` or `"previous [<photo>] | go back"`.
    ///
    /// Templates are program constants: malformed notation (unbalanced brackets, empty alternatives) is a
    /// programming error and stops the program with the offending text.
    package static func parse(_ text: String) -> [TemplateNode] {
        var parser = TemplateNotationParser(text)
        let alternatives = parser.alternatives()
        precondition(parser.atEnd, "template \"\(text)\": unexpected \"\(parser.rest)\"")
        return alternatives.count == 1 ? alternatives[0] : [.choice(alternatives)]
    }
}

/// Recursive-descent parser of the template notation (see `TemplateNode`).
private struct TemplateNotationParser {
    private let text: String
    private let tokens: [String]
    private var position = 0

    init(_ text: String) {
        self.text = text
        var tokens: [String] = []
        var word = ""
        for character in text {
            if character == " " || "[]()|".contains(character) {
                if !word.isEmpty { tokens.append(word) }
                word = ""
                if character != " " { tokens.append(String(character)) }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word) }
        self.tokens = tokens
    }

    var atEnd: Bool { position == tokens.count }

    var rest: String { tokens[position...].joined(separator: " ") }

    /// sequence ("|" sequence)*
    mutating func alternatives() -> [[TemplateNode]] {
        var result = [sequence()]
        while position < tokens.count, tokens[position] == "|" {
            position += 1
            result.append(sequence())
        }
        precondition(result.allSatisfy { !$0.isEmpty }, "template \"\(text)\": empty alternative")
        return result
    }

    /// item* up to "|", "]", ")" or the end.
    private mutating func sequence() -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        while position < tokens.count, !"|])".contains(tokens[position]) {
            let token = tokens[position]
            position += 1
            switch token {
            case "[": nodes.append(.optional(group(closing: "]")))
            case "(": nodes.append(contentsOf: group(closing: ")"))
            default: nodes.append(Self.leaf(token, in: text))
            }
        }
        return nodes
    }

    /// The alternatives up to `closing`, as one sequence (a `.choice` when there are several).
    private mutating func group(closing: String) -> [TemplateNode] {
        let inner = alternatives()
        precondition(position < tokens.count && tokens[position] == closing, "template \"\(text)\": missing \(closing)")
        position += 1
        return inner.count == 1 ? inner[0] : [.choice(inner)]
    }

    private static func leaf(_ token: String, in text: String) -> TemplateNode {
        if token.hasPrefix("<") {
            precondition(token.hasSuffix(">") && token.count > 2, "template \"\(text)\": bad rule \(token)")
            let name = String(token.dropFirst().dropLast())
            return name == TemplateNode.tagSlotName ? .tags : .rule(name)
        }
        precondition(token.allSatisfy { $0.isLowercase || $0 == "'" }, "template \"\(text)\": bad word \(token)")
        return .word(token)
    }
}
