import GRDB
import GailleryCore
import GailleryStore
import Testing
import GailleryTestSupport

/// The in-memory index returns exactly what the straightforward SQL statement returns: random queries
/// from the grammar over random small libraries, whole result lists and cursor pages, at thresholds
/// on, between and off the confidences. Confidences are multiples of 1/16, so every score is an exact
/// sum in any order.
@Suite struct SearchIndexPropertyTests {
    static let vocabulary = ["dog", "cat", "beach", "tree", "car", "sky"]

    @Test("indexed pages equal the straightforward ones", arguments: [1, 2, 3, 4, 5, 6])
    func indexedEqualsStraightforward(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let fixture = try Self.library(&random, photos: 70)
        for _ in 0..<60 {
            let text = Self.randomQuery(&random, depth: 3)
            let minConfidence = [0, 0.1, 0.125, 0.5, 1][Int(random.next() % 5)]
            try Self.expectSameResults(fixture.store, text, minConfidence, pageSize: 1 + Int(random.next() % 7))
        }
    }

    @Test func libraryAndQueriesExerciseEveryShape() throws {
        // Guards against a generator that only makes empty results, which would make the property vacuous.
        var random = SplitMix64(seed: 1)
        let fixture = try Self.library(&random, photos: 70)
        var nonEmpty = 0
        var scored = 0
        for _ in 0..<60 {
            let query = try TagQuery(parsing: Self.randomQuery(&random, depth: 3))
            let page = try fixture.store.search(query, minConfidence: 0.1, limit: 1000, cursor: nil)
            if page.hits.count > 1 { nonEmpty += 1 }
            if page.hits.contains(where: { $0.score > 0 }) && page.hits.contains(where: { $0.score == 0 }) {
                scored += 1
            }
        }
        #expect(nonEmpty >= 15)
        #expect(scored >= 3, "queries that mix scored and zero-score hits (dog | -cat)")
    }

    /// Expects the indexed whole result, and its pages of `pageSize`, to equal the straightforward ones.
    static func expectSameResults(
        _ store: PhotoStore, _ text: String, _ minConfidence: Double, pageSize: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let query = try TagQuery(parsing: text)
        let reference = try store.search(
            query, minConfidence: minConfidence, limit: 1000, cursor: nil, strategy: .straightforward)
        let whole = try store.search(query, minConfidence: minConfidence, limit: 1000, cursor: nil)
        #expect(whole == reference, "\(text) at \(minConfidence)", sourceLocation: sourceLocation)
        let pages = try allPages(store, query, minConfidence, pageSize, .indexed)
        #expect(
            pages == reference.hits, "\(text) at \(minConfidence), pages of \(pageSize)", sourceLocation: sourceLocation
        )
    }

    static func allPages(
        _ store: PhotoStore, _ query: TagQuery, _ minConfidence: Double, _ pageSize: Int, _ strategy: SearchStrategy
    ) throws -> [SearchHit] {
        var cursor: String?
        var hits: [SearchHit] = []
        repeat {
            let page = try store.search(
                query, minConfidence: minConfidence, limit: pageSize, cursor: cursor, strategy: strategy)
            hits += page.hits
            cursor = page.nextCursor
        } while cursor != nil && hits.count < 1000
        return hits
    }

    /// `photos` photos with 0–4 model tags (confidence k/16, with many ties), some manual tags beside
    /// them, a few trashed, varied statuses and dates.
    static func library(_ random: inout SplitMix64, photos: Int64) throws -> SearchFixture {
        let fixture = try SearchFixture()
        for id in Int64(1)...photos {
            let year = 2020 + random.next() % 6
            try fixture.photo(
                id, taken: random.next() % 4 == 0 ? nil : "\(year)-0\(1 + random.next() % 9)-15T12:00:00",
                status: ["done", "done", "failed", "queued"][Int(random.next() % 4)], trashed: random.next() % 10 == 0,
                tags: randomTags(&random), manual: random.next() % 5 == 0 ? [vocabulary[Int(random.next() % 6)]] : [])
        }
        return fixture
    }

    /// 0–4 model tags from `vocabulary` with confidences k/16.
    static func randomTags(_ random: inout SplitMix64) -> [String: Double] {
        var tags: [String: Double] = [:]
        for _ in 0..<random.next() % 5 {
            tags[vocabulary[Int(random.next() % 6)]] = Double(random.next() % 17) / 16
        }
        return tags
    }

    /// A query in the surface syntax: tags, negations, filters, AND (space, `&`, `and`), OR, parentheses.
    static func randomQuery(_ random: inout SplitMix64, depth: Int) -> String {
        let roll = random.next() % 10
        if depth == 0 || roll < 4 {
            switch random.next() % 9 {
            case 0: return "-" + vocabulary[Int(random.next() % 6)]
            case 1:
                return ["status:failed", "status:done", "since:2023", "until:2022-06", "-since:2024"][
                    Int(random.next() % 5)]
            default: return vocabulary[Int(random.next() % 6)]
            }
        }
        let count = 2 + Int(random.next() % 2)
        let operands = (0..<count).map { _ in randomQuery(&random, depth: depth - 1) }
        let joined = operands.joined(separator: [" ", " & ", " | ", " or ", " | "][Int(random.next() % 5)])
        switch random.next() % 4 {
        case 0: return "not (\(joined))"
        case 1: return joined
        default: return "(\(joined))"
        }
    }
}
