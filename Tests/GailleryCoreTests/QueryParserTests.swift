import GailleryCore
import Testing

/// Golden tests: query text → the parsed AST printed as an S-expression, and a round trip through
/// `queryText`.
@Suite struct QueryParserTests {
    static let goldens: [(query: String, ast: String)] = [
        ("dog", "dog"),
        ("Dogs", "dog"),
        ("dog beach", "(and dog beach)"),
        ("dog & beach", "(and dog beach)"),
        ("dog and beach", "(and dog beach)"),
        ("DOG AND Beach", "(and dog beach)"),
        ("dog && beach", "(and dog beach)"),
        ("dog&-cat", "(and dog (not cat))"),
        ("dog | cat", "(or dog cat)"),
        ("dog|cat", "(or dog cat)"),
        ("dog or cat", "(or dog cat)"),
        ("dog || cat", "(or dog cat)"),
        ("-cat", "(not cat)"),
        ("not cat", "(not cat)"),
        ("!cat", "(not cat)"),
        ("--cat", "(not (not cat))"),
        ("dog beach | cat", "(or (and dog beach) cat)"),
        ("dog | beach cat", "(or dog (and beach cat))"),
        ("dog (beach | cat)", "(and dog (or beach cat))"),
        ("dog -cat | bird", "(or (and dog (not cat)) bird)"),
        ("not dog beach", "(and (not dog) beach)"),
        ("-(dog | cats)", "(not (or dog cat))"),
        ("((dog))", "dog"),
        ("a | (b | c)", "(or a b c)"),
        ("a (b c)", "(and a b c)"),
        ("a (b | c) | d", "(or (and a (or b c)) d)"),
        ("\"golden retriever\"", "\"golden retriever\""),
        ("\"Golden  Retrievers\" beach", "(and \"golden retriever\" beach)"),
        ("golden retriever", "(and golden retriever)"),
        ("golden_retrievers", "\"golden retriever\""),
        ("\"and\"", "\"and\""),
        ("tag:not", "\"not\""),
        ("tag:\"sea lions\"", "\"sea lion\""),
        ("\"back\\\\slash\"", "\"back\\\\slash\""),
        ("\"re:invent\"", "\"re:invent\""),
        ("t-shirts", "t-shirt"),
        ("jack-o'-lanterns", "jack-o'-lantern"),
        ("#beach!", "beach"),
        ("since:2024-01-01", "since:2024-01-01"),
        ("until:2024-12", "until:2024-12"),
        ("SINCE:2024", "since:2024"),
        ("status:failed", "status:failed"),
        ("Status:DONE", "status:done"),
        ("dog since:2024 until:2024-06 -status:failed", "(and dog since:2024 until:2024-06 (not status:failed))"),
        ("-since:2020 | status:queued", "(or (not since:2020) status:queued)"),
        ("  dog\tbeach\n", "(and dog beach)"),
        ("glasses", "glass"),
        ("jeans", "jeans"),
        ("mice | geese", "(or mouse goose)"),
    ]

    @Test("parses to the golden AST", arguments: goldens)
    func golden(query: String, ast: String) throws {
        #expect(try TagQuery(parsing: query).description == ast)
    }

    @Test("queryText parses back to the same AST", arguments: goldens)
    func roundTrip(query: String, ast: String) throws {
        let parsed = try TagQuery(parsing: query)
        #expect(try TagQuery(parsing: parsed.queryText) == parsed, "\(parsed.queryText)")
    }

    @Test func positiveAndAllTags() throws {
        let query = try TagQuery(parsing: "dog (beach | -cat) -(bird -dogs) status:done")
        #expect(query.positiveTags.map(\.rawValue) == ["dog", "beach"])
        #expect(query.allTags.map(\.rawValue) == ["dog", "beach", "cat", "bird"])
        #expect(try TagQuery(parsing: "-(-cat)").positiveTags.map(\.rawValue) == ["cat"])
        #expect(try TagQuery(parsing: "status:failed -cat").positiveTags.isEmpty)
    }

    @Test func queryTextExamples() throws {
        #expect(try TagQuery(parsing: "dog (beach | cat) -(a b)").queryText == "dog (beach | cat) -(a b)")
        #expect(try TagQuery(parsing: "\"sea lions\" | tag:and").queryText == "\"sea lion\" | \"and\"")
        #expect(try TagQuery(parsing: "tag:-x").queryText == "x")
    }

    @Test func dates() throws {
        guard case .until(let date) = try TagQuery(parsing: "until:2024-02") else {
            Issue.record("until: did not parse to .until")
            return
        }
        #expect(date.firstMoment == "2024-02-01T00:00:00")
        #expect(date.lastMoment == "2024-02-29T23:59:59")
        #expect(QueryDate(year: 2023, month: 2)?.lastMoment == "2023-02-28T23:59:59")
        #expect(QueryDate(year: 1900, month: 2)?.lastMoment == "1900-02-28T23:59:59")
        #expect(QueryDate(year: 2000, month: 2, day: 29)?.lastMoment == "2000-02-29T23:59:59")
        #expect(QueryDate(year: 2024)?.lastMoment == "2024-12-31T23:59:59")
        #expect(QueryDate("0999-01-01")?.firstMoment == "0999-01-01T00:00:00")
        let bad = ["2023-02-29", "2024-13", "2024-00", "0000", "24-01-01", "2024-1-1", "2024/01/01", "２０２４", ""]
        for bad in bad {
            #expect(QueryDate(Substring(bad)) == nil, "\(bad)")
        }
    }
}
