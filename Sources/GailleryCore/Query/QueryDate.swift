/// A calendar day, month or year in a `since:`/`until:` filter (`2024-03-15`, `2024-03` or `2024`).
///
/// Dates are local calendar dates with no time zone, like the index's `taken_at`
/// (`YYYY-MM-DDTHH:MM:SS`). `since:` starts at the first second of the period and `until:` includes
/// its last second, so `until:2024-02` includes 29 February 2024.
public struct QueryDate: Hashable, Sendable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12, or `nil` for a whole year.
    public let month: Int?
    /// The day of the month, or `nil` for a whole month or year.
    public let day: Int?

    /// A validated date; `nil` when a field is out of range, the day does not exist in that month, or
    /// `day` is given without `month`.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day, !(1...Self.daysIn(month: month, year: year)).contains(day) { return nil }
        } else if day != nil {
            return nil
        }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ASCII digits, exactly 4, 2 and 2 of them);
    /// `nil` for anything else, including impossible dates such as `2023-02-29`.
    public init?(_ text: Substring) {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(fields.count) else { return nil }
        var numbers: [Int] = []
        for (field, width) in zip(fields, widths) {
            guard field.count == width, field.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(field)
            else { return nil }
            numbers.append(value)
        }
        self.init(
            year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    /// The first second of the period, e.g. `2024-03-01T00:00:00` for `2024-03`.
    public var firstMoment: String { Self.timestamp(year, month ?? 1, day ?? 1, "00:00:00") }

    /// The last second of the period, e.g. `2024-02-29T23:59:59` for `2024-02`.
    public var lastMoment: String {
        let lastMonth = month ?? 12
        return Self.timestamp(year, lastMonth, day ?? Self.daysIn(month: lastMonth, year: year), "23:59:59")
    }

    /// The date as written in a query, at its own precision (`2024`, `2024-03` or `2024-03-15`).
    public var description: String {
        var text = Self.padded(year, 4)
        if let month { text += "-" + Self.padded(month, 2) }
        if let day { text += "-" + Self.padded(day, 2) }
        return text
    }

    /// The number of days in `month` of `year` in the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func timestamp(_ year: Int, _ month: Int, _ day: Int, _ time: String) -> String {
        "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))T\(time)"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
