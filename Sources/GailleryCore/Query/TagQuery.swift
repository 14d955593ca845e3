/// A parsed `photos.search` query: tags combined with AND, OR and NOT, plus date and status filters.
///
/// The syntax (see `init(parsing:)`): `dog beach` or `dog & beach` or `dog and beach` (AND),
/// `dog | cat` or `dog or cat` (OR), `-cat`, `!cat` or `not cat` (NOT), parentheses, quoted tags
/// (`"golden retriever"`, with `\"` and `\\` escapes), `tag:x`, `since:2024-01-01`, `until:2024-12`
/// (dates `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `until:` includes the whole period), and
/// `status:failed`. NOT binds tighter than AND, AND tighter than OR. Tags are canonicalised with
/// `TagName`, so `dogs` finds `dog`. A query with no positive tag (`-cat`, `status:failed`) selects
/// from all photos.
public indirect enum TagQuery: Hashable, Sendable, CustomStringConvertible {
    /// Photos that have this tag.
    case tag(TagName)
    /// Photos taken (or, without a capture date, added) at or after the start of this date.
    case since(QueryDate)
    /// Photos taken (or, without a capture date, added) at or before the end of this date.
    case until(QueryDate)
    /// Photos in this pipeline status.
    case status(PhotoStatus)
    /// Photos that do not match the operand.
    case not(TagQuery)
    /// Photos that match every operand (two or more, none of them an `and`).
    case and([TagQuery])
    /// Photos that match at least one operand (two or more, none of them an `or`).
    case or([TagQuery])

    /// The longest query accepted, in characters.
    public static let maximumLength = 1024
    /// The deepest nesting of parentheses and negations accepted.
    public static let maximumDepth = 32
    /// The most tags and filters one query may contain (the store keeps one bit per tag in 32 bits).
    public static let maximumTerms = 32

    /// Parses `text`.
    ///
    /// - Throws: `QueryError` naming the column and what was expected, e.g.
    ///   `unclosed "(" opened at column 1`, or `empty query; try a tag such as dog`.
    public init(parsing text: String) throws(QueryError) {
        var parser = try QueryParser(text)
        self = try parser.parseQuery()
    }

    /// The distinct tags that count towards a photo's score (those under an even number of NOTs), in
    /// the order they first appear.
    public var positiveTags: [TagName] { tags(positive: true) }

    /// Every distinct tag in the query, positive or negated, in the order they first appear.
    public var allTags: [TagName] { tags(positive: nil) }

    /// The query as an S-expression, for tests and logs: `(and dog (or beach "sea lion") (not cat))`.
    /// (Written into one string: the search cursor's fingerprint hashes it on every search.)
    public var description: String {
        var text = ""
        write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch self {
        case .tag(let name): text += Self.quotedIfNeeded(name.rawValue)
        case .since(let date): text += "since:\(date)"
        case .until(let date): text += "until:\(date)"
        case .status(let status): text += "status:" + status.rawValue
        case .not(let operand):
            text += "(not "
            operand.write(to: &text)
            text += ")"
        case .and(let operands), .or(let operands):
            let opening = if case .and = self { "(and" } else { "(or" }
            text += opening
            for operand in operands {
                text += " "
                operand.write(to: &text)
            }
            text += ")"
        }
    }

    /// The query in query syntax, canonicalised; parsing it gives back an equal query.
    public var queryText: String {
        switch self {
        case .tag, .since, .until, .status: description
        case .not(let operand): "-" + operand.grouped(when: { $0.isCompound })
        case .and(let operands):
            operands.map { $0.grouped(when: { if case .or = $0 { true } else { false } }) }
                .joined(separator: " ")
        case .or(let operands): operands.map(\.queryText).joined(separator: " | ")
        }
    }

    private var isCompound: Bool {
        switch self {
        case .and, .or: true
        default: false
        }
    }

    private func grouped(when needsParentheses: (TagQuery) -> Bool) -> String {
        needsParentheses(self) ? "(\(queryText))" : queryText
    }

    private func tags(positive wanted: Bool?) -> [TagName] {
        var seen = Set<TagName>()
        var result: [TagName] = []
        func visit(_ query: TagQuery, positive: Bool) {
            switch query {
            case .tag(let name):
                if wanted == nil || wanted == positive, seen.insert(name).inserted { result.append(name) }
            case .since, .until, .status: break
            case .not(let operand): visit(operand, positive: !positive)
            case .and(let operands), .or(let operands): operands.forEach { visit($0, positive: positive) }
            }
        }
        visit(self, positive: true)
        return result
    }

    /// Characters that end a bare tag in the lexer.
    private static let special: Set<Character> = ["(", ")", "&", "|", "\"", "\\", ":"]

    /// `text` bare when the lexer would read it back as the same single tag, else in quotes.
    static func quotedIfNeeded(_ text: String) -> String {
        // The common case, decided on the bytes: lowercase ASCII letters, digits and underscores.
        if !text.isEmpty, text != "and", text != "or", text != "not",
            text.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F })
        {
            return text
        }
        let bare =
            !text.isEmpty && !text.contains(where: { $0.isWhitespace || special.contains($0) })
            && text.first != "-" && text.first != "!" && !["and", "or", "not"].contains(text)
        if bare { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
