/// What a launcher's text asks for: a search in the query language, or a typed command for `assistant.command`.
///
/// Launchers pass what the user typed as it is ("beach 2024", "cat", "show me photos of dogs"). Text that
/// starts like a spoken search command goes to the daemon's command parser; anything else is a query, with
/// bare years and months ("2024", "2024-06") read as dates, since the query language would take them as tags.
package enum LauncherQuery: Equatable, Sendable, CustomStringConvertible {
    /// Nothing to search for (empty or only spaces).
    case empty
    /// A `photos.search` query.
    case search(String)
    /// An `assistant.command` text.
    case command(String)

    /// First words that make the text a typed command ("show me photos of dogs", "find pictures of cats").
    /// Only search-like verbs: a launcher must never delete or step through a view by accident.
    static let commandVerbs: Set<String> = ["show", "find", "search", "display", "give"]

    /// Reads `text`.
    package init(_ text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first else {
            self = .empty
            return
        }
        if words.count >= 2, Self.commandVerbs.contains(first.lowercased()) {
            self = .command(words.joined(separator: " "))
            return
        }
        self = .search(words.map(Self.dateTerm).joined(separator: " "))
    }

    /// `query "…"`, `command "…"` or `nothing`, for log lines.
    package var description: String {
        switch self {
        case .empty: "nothing"
        case .search(let text): "query \"\(text)\""
        case .command(let text): "command \"\(text)\""
        }
    }

    /// Reads the terms a launcher split the text into (GNOME Shell passes words).
    package init(terms: [String]) {
        self.init(terms.joined(separator: " "))
    }

    /// `2024` → `since:2024 until:2024`, `2024-06` → `since:2024-06 until:2024-06`; other words unchanged.
    static func dateTerm(_ word: String) -> String {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (1800...2999).contains(year)
        else { return word }
        if parts.count == 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return word }
        }
        return "since:\(word) until:\(word)"
    }
}
