import GailleryCore
import Testing

/// Parse errors say where (1-based column) and what was expected.
@Suite struct QueryErrorTests {
    static let cases: [(query: String, column: Int, message: String)] = [
        ("", 1, "empty query; try a tag such as dog"),
        ("   ", 1, "empty query; try a tag such as dog"),
        ("dog &", 5, "expected a tag or \"(\" after \"&\" at column 5"),
        ("dog and", 5, "expected a tag or \"(\" after \"and\" at column 5"),
        ("dog & )", 7, "expected a tag or \"(\" after \"&\" but found \")\" at column 7"),
        ("dog | | cat", 7, "expected a tag or \"(\" after \"|\" but found \"|\" at column 7"),
        ("| dog", 1, "expected a tag or \"(\" but found \"|\" at column 1"),
        ("()", 2, "expected a tag or \"(\" after \"(\" but found \")\" at column 2"),
        ("dog -", 5, "expected a tag or \"(\" after \"-\" at column 5"),
        ("not", 1, "expected a tag or \"(\" after \"not\" at column 1"),
        ("(dog", 1, "unclosed \"(\" opened at column 1"),
        ("dog (beach | (cat)", 5, "unclosed \"(\" opened at column 5"),
        ("dog)", 4, "unmatched \")\" at column 4; remove it or add a \"(\" before it"),
        ("\"golden", 1, "unclosed quote opened at column 1; add a closing \""),
        ("dog tag:\"x", 9, "unclosed quote opened at column 9; add a closing \""),
        (
            "colour:red", 1,
            "unknown filter \"colour:\" at column 1; filters are since:, until:, status:, tag: "
                + "(to search for a tag that contains \":\", quote it)"
        ),
        ("since:2024-13-01", 7, "invalid date \"2024-13-01\" in since: at column 7; use YYYY-MM-DD, YYYY-MM or YYYY"),
        (
            "dog until:2023-02-29", 11,
            "invalid date \"2023-02-29\" in until: at column 11; use YYYY-MM-DD, YYYY-MM or YYYY"
        ),
        ("until:", 7, "expected a date after \"until:\" at column 7; use YYYY-MM-DD, YYYY-MM or YYYY"),
        (
            "status:broken", 8,
            "unknown status \"broken\" at column 8; statuses are queued, decoding, classifying, done, failed"
        ),
        ("tag:", 5, "expected a tag after \"tag:\" at column 5; e.g. tag:dog or tag:\"golden retriever\""),
        (
            "dog \"\"", 5,
            "invalid tag at column 5: tag \"\" is empty once spaces and surrounding punctuation are removed; "
                + "use letters or digits, e.g. \"dog\""
        ),
        (
            "dog ...", 5,
            "invalid tag at column 5: tag \"...\" is empty once spaces and surrounding punctuation are removed; "
                + "use letters or digits, e.g. \"dog\""
        ),
        (
            String(repeating: "x", count: 65), 1,
            "invalid tag at column 1: tag \"xxxxxxxxxxxxxxxxxxxx…\" is 65 characters long; the limit is 64"
        ),
        (
            "dog a\u{7}b", 5,
            "invalid tag at column 5: tag \"ab\" contains the control character U+0007 at character 2; remove it"
        ),
    ]

    @Test("reports column and message", arguments: cases)
    func error(query: String, column: Int, message: String) {
        #expect(throws: QueryError(column: column, message: message)) { try TagQuery(parsing: query) }
    }

    @Test func tooLong() {
        let query = String(repeating: "a ", count: 512) + "b"
        #expect(throws: QueryError(column: 1025, message: "query is 1025 characters long; the limit is 1024")) {
            try TagQuery(parsing: query)
        }
        #expect(throws: Never.self) {
            try TagQuery(parsing: String(repeating: "a", count: 60) + String(repeating: " ", count: 964))
        }
    }

    @Test func nestedTooDeeply() {
        let message = { (column: Int) in
            "query is nested too deeply at column \(column): more than 32 levels of parentheses and negations; "
                + "simplify it"
        }
        let parentheses = String(repeating: "(", count: 33) + "dog" + String(repeating: ")", count: 33)
        #expect(throws: QueryError(column: 33, message: message(33))) { try TagQuery(parsing: parentheses) }
        #expect(throws: QueryError(column: 35, message: message(35))) {
            try TagQuery(
                parsing: "x " + String(repeating: "-(", count: 16) + "-dog" + String(repeating: ")", count: 16))
        }
        let deepest = String(repeating: "(", count: 32) + "dog" + String(repeating: ")", count: 32)
        #expect(throws: Never.self) { try TagQuery(parsing: deepest) }
    }

    @Test func tooManyTerms() {
        let words = (1...33).map { "t\($0)" }
        let column = words.dropLast().map { $0.count + 1 }.reduce(1, +)
        #expect(
            throws: QueryError(
                column: column, message: "too many terms at column \(column): the limit is 32 tags and filters")
        ) { try TagQuery(parsing: words.joined(separator: " ")) }
        #expect(throws: Never.self) { try TagQuery(parsing: words.dropLast().joined(separator: " ")) }
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(throws: QueryError(column: 5, message: "expected a tag or \"(\" after \"&\" at column 5")) {
            try TagQuery(parsing: "狗🐶é &")
        }
    }
}
