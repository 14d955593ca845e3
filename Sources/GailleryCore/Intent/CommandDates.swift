/// When the photos a command asks for were taken: "… from 2024", "… in June 2023", "… since 2020",
/// "… before 2019", "… from last summer", "… from this year".
///
/// Years and months are absolute; "last summer", "last year", "this month" are relative and resolved by
/// `range(today:)` against the caller's calendar date (this module has no clock). Seasons are the
/// meteorological ones of the northern hemisphere (summer June–August, winter December–February).
public struct CommandDates: Sendable, Hashable, Codable {
    /// A period named relative to today.
    public enum Relative: String, Sendable, Hashable, Codable {
        case thisYear, lastYear, thisMonth, lastMonth
        case lastSpring, lastSummer, lastAutumn, lastWinter
    }

    /// The first period included, when the command names one.
    public var since: QueryDate?
    /// The last period included, when the command names one.
    public var until: QueryDate?
    /// A period relative to today, resolved by `range(today:)`.
    public var relative: Relative?
    /// The words as the command said them ("from last summer"), for replies.
    public var phrase: String

    /// The first and last month (or year) included, with relative periods resolved for `today`
    /// (`today.month` 1...12).
    public func range(todayYear year: Int, month: Int) -> (since: QueryDate?, until: QueryDate?) {
        guard let relative else { return (since, until) }
        func months(_ from: (Int, Int), _ to: (Int, Int)) -> (QueryDate?, QueryDate?) {
            (QueryDate(year: from.0, month: from.1), QueryDate(year: to.0, month: to.1))
        }
        // "Last summer" is the latest summer that has ended: in December 2026 that of 2026; in July 2026 that
        // of 2025 (the one under way is "this summer"). Months are counted as year * 12 + month - 1.
        func season(first: Int) -> (QueryDate?, QueryDate?) {
            let today = year * 12 + month - 1
            var start = year * 12 + first - 1
            while start + 2 >= today { start -= 12 }
            let end = start + 2
            return months((start / 12, start % 12 + 1), (end / 12, end % 12 + 1))
        }
        switch relative {
        case .thisYear: return (QueryDate(year: year), QueryDate(year: year))
        case .lastYear: return (QueryDate(year: year - 1), QueryDate(year: year - 1))
        case .thisMonth: return months((year, month), (year, month))
        case .lastMonth:
            return month == 1 ? months((year - 1, 12), (year - 1, 12)) : months((year, month - 1), (year, month - 1))
        case .lastSpring: return season(first: 3)
        case .lastSummer: return season(first: 6)
        case .lastAutumn: return season(first: 9)
        case .lastWinter: return season(first: 12)
        }
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    private static let relatives: [String: Relative] = [
        "this year": .thisYear, "last year": .lastYear, "this month": .thisMonth, "last month": .lastMonth,
        "last spring": .lastSpring, "last summer": .lastSummer, "last autumn": .lastAutumn, "last fall": .lastAutumn,
        "last winter": .lastWinter,
    ]

    /// Reads a date phrase that makes up all of `words` ("from 2024", "taken in june 2023", "since 2020",
    /// "before 2019", "from last summer"); nil when the words are not one.
    static func parse(_ words: ArraySlice<String>) -> CommandDates? {
        var rest = words
        if rest.first == "taken" { rest = rest.dropFirst() }
        guard let preposition = rest.first, ["from", "in", "during", "since", "before", "after"].contains(preposition)
        else { return nil }
        rest = rest.dropFirst()
        let phrase = words.joined(separator: " ")
        if let relative = relatives[rest.joined(separator: " ")], ["from", "in", "during"].contains(preposition) {
            return CommandDates(since: nil, until: nil, relative: relative, phrase: phrase)
        }
        var month: Int?
        if rest.count == 2, let index = months.firstIndex(of: rest[rest.startIndex]) {
            month = index + 1
            rest = rest.dropFirst()
        }
        guard rest.count == 1, let word = rest.first, word.count == 4, let year = Int(word),
            (1900...2999).contains(year),
            let date = QueryDate(year: year, month: month)
        else { return nil }
        switch preposition {
        case "since": return CommandDates(since: date, until: nil, relative: nil, phrase: phrase)
        case "after":
            guard let next = month == nil ? QueryDate(year: year + 1) : nil else { return nil }
            return CommandDates(since: next, until: nil, relative: nil, phrase: phrase)
        case "before":
            guard let previous = month == nil ? QueryDate(year: year - 1) : nil else { return nil }
            return CommandDates(since: nil, until: previous, relative: nil, phrase: phrase)
        default: return CommandDates(since: date, until: date, relative: nil, phrase: phrase)
        }
    }
}

extension CommandWords {
    /// The words without a date phrase at their end ("… from 2024"), and that phrase; the words unchanged
    /// and nil when they end in none.
    package func splittingDates() -> (CommandWords, CommandDates?) {
        for length in (2...4).reversed() where words.count > length {
            guard let dates = CommandDates.parse(words[(words.count - length)...]) else { continue }
            var rest = self
            rest.words.removeLast(length)
            rest.commaBefore.removeLast(length)
            return (rest, dates)
        }
        return (self, nil)
    }
}

extension QueryDate: Codable {
    /// Decodes the text form (`2024`, `2024-06`, `2024-06-15`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = QueryDate(Substring(text)) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text); use YYYY[-MM[-DD]]"))
        }
        self = date
    }

    /// Encodes the text form (`2024`, `2024-06`, `2024-06-15`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
