import Testing

@testable import GailleryCore

/// Dates at the end of a command: "show me photos of dogs from 2024", "… from last summer".
@Suite struct CommandDatesTests {
    private func date(_ text: String) -> QueryDate? { QueryDate(Substring(text)) }

    @Test(
        arguments: [
            ("show me photos of dogs from 2024", "2024", "2024"),
            ("find pictures of cats taken in june 2023", "2023-06", "2023-06"),
            ("show me photos of dogs and cats in 2022", "2022", "2022"),
            ("how many photos of birds since 2020", "2020", nil),
            ("show me photos of cars before 2019", nil, "2018"),
            ("show me photos of cars after 2019", "2020", nil),
        ] as [(String, String?, String?)])
    func absoluteDates(text: String, since: String?, until: String?) throws {
        let parsed = IntentParser.parse(text: text)
        #expect(parsed.intent == .search || parsed.intent == .count, "\(text)")
        let dates = try #require(parsed.dates, "\(text)")
        let range = dates.range(todayYear: 2026, month: 12)
        #expect(range.since == since.flatMap(date), "\(text)")
        #expect(range.until == until.flatMap(date), "\(text)")
        #expect(!parsed.tags.map(\.rawValue).contains { $0.contains("20") }, "\(text): the date is not a tag")
    }

    @Test func theDatesAreNotTags() {
        let parsed = IntentParser.parse(text: "show me photos of dogs and cats from 2024")
        #expect(parsed.tags.map(\.rawValue) == ["dog", "cat"])
        #expect(parsed.dates?.phrase == "from 2024")
    }

    @Test(
        arguments: [
            // today (year, month), phrase, since, until
            (2026, 12, "from last summer", "2026-06", "2026-08"),
            (2026, 7, "from last summer", "2025-06", "2025-08"),
            (2026, 9, "from last summer", "2026-06", "2026-08"),
            (2026, 12, "from last winter", "2025-12", "2026-02"),
            (2026, 3, "from last winter", "2025-12", "2026-02"),
            (2026, 2, "from last winter", "2024-12", "2025-02"),
            (2026, 1, "from last month", "2025-12", "2025-12"),
            (2026, 12, "from last year", "2025", "2025"),
            (2026, 12, "from this year", "2026", "2026"),
            (2026, 11, "in last autumn", "2025-09", "2025-11"),
            (2026, 12, "from last fall", "2026-09", "2026-11"),
        ] as [(Int, Int, String, String, String)])
    func relativeDates(year: Int, month: Int, phrase: String, since: String, until: String) throws {
        let parsed = IntentParser.parse(text: "show me photos of dogs \(phrase)")
        #expect(parsed.intent == .search)
        #expect(parsed.tags.map(\.rawValue) == ["dog"])
        let range = try #require(parsed.dates).range(todayYear: year, month: month)
        #expect(range.since == date(since), "\(phrase) in \(year)-\(month)")
        #expect(range.until == date(until), "\(phrase) in \(year)-\(month)")
    }

    @Test(
        arguments: [
            "show me photos of dogs from 12345", "show me photos of dogs from spring", "show all photos from 2024",
            "show me photos of dogs from",
        ])
    func notADatePhrase(text: String) {
        #expect(IntentParser.parse(text: text).dates == nil, "\(text)")
    }
}
