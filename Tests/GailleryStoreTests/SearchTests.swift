import Foundation
import GRDB
import GailleryCore
import GailleryStore
import Testing

/// Search semantics over `SearchFixture.tenPhotos()` (photo 7 is trashed; 8 has a manual `dog` beside a
/// weak model `dog`; 5 has no capture date and was added in June 2022; 10's beach is below 0.1).
@Suite struct SearchTests {
    let fixture: SearchFixture

    init() throws { fixture = try SearchFixture.tenPhotos() }

    static let expectations: [(query: String, ids: [Int64])] = [
        ("dog", [8, 1, 4, 5, 2]),
        ("Dogs", [8, 1, 4, 5, 2]),
        ("-(-dog)", [8, 1, 4, 5, 2]),
        ("dog beach", [1]),
        ("dog & beach", [1]),
        ("dog and beaches", [1]),
        ("dog | cat", [4, 8, 3, 1, 5, 2]),
        ("dog or cat", [4, 8, 3, 1, 5, 2]),
        ("dog -cat", [8, 1, 5, 2]),
        ("dog not cat", [8, 1, 5, 2]),
        ("-dog", [10, 9, 6, 3]),
        ("not dog", [10, 9, 6, 3]),
        ("-dog -cat", [10, 9, 6]),
        ("(dog | cat) -status:failed", [8, 3, 1, 5, 2]),
        ("dog (beach | \"golden retriever\")", [1, 5]),
        ("dog | -cat", [8, 1, 4, 5, 2, 10, 9, 6]),
        ("dog | status:failed", [8, 1, 4, 5, 2, 9]),
        ("\"golden retriever\"", [5]),
        ("golden_retrievers", [5]),
        ("golden retriever", []),
        ("\"sea lions\"", [6]),
        ("family", [8]),
        ("secret", []),
        ("unicorn", []),
        ("-unicorn", [10, 9, 8, 6, 5, 4, 3, 2, 1]),
        ("since:2024", [9, 6, 4, 3, 1]),
        ("since:2024-01-01", [9, 6, 4, 3, 1]),
        ("until:2023", [10, 8, 5, 2]),
        ("until:2023-12-31", [10, 8, 5, 2]),
        ("since:2024 until:2024", [9, 4, 3, 1]),
        ("until:2024-12-31 since:2024-12", [4]),
        ("since:2022-06 until:2022-06", [5]),
        ("dog since:2024-01", [1, 4]),
        ("beach -since:2025", [1]),
        ("status:failed", [9, 4]),
        ("status:queued | status:failed", [9, 6, 4]),
        ("dog status:failed", [4]),
        ("status:done -dog", [10, 3]),
    ]

    @Test("finds the expected photos in order", arguments: expectations)
    func search(query: String, ids: [Int64]) throws {
        #expect(try fixture.ids(query) == ids)
    }

    @Test func scoresSumPositiveTagsAndCountManualAsOne() throws {
        let hits = try fixture.hits("dog | cat")
        #expect(hits.map(\.score) == [0.7 + 0.6, 1.0, 0.95, 0.9, 0.6, 0.5])
        #expect(try fixture.hits("dog beach").map(\.score) == [0.9 + 0.8])
        #expect(try fixture.hits("-dog").allSatisfy { $0.score == 0 })
        #expect(try fixture.hits("dog -cat").map(\.score) == [1.0, 0.9, 0.6, 0.5])
    }

    @Test func minConfidenceAppliesToEveryTagTerm() throws {
        #expect(try fixture.ids("dog", minConfidence: 0.55) == [8, 1, 4, 5])
        #expect(try fixture.ids("-dog", minConfidence: 0.55) == [10, 9, 6, 3, 2])
        #expect(try fixture.ids("beach", minConfidence: 0) == [1, 6, 10])
        #expect(try fixture.ids("beach -dog", minConfidence: 0) == [6, 10])
        #expect(try fixture.ids("dog | cat", minConfidence: 0.65) == [8, 3, 1, 4])
        #expect(try fixture.ids("dog", minConfidence: 1) == [8])
    }

    @Test func valuesAreBoundNotInterpolated() throws {
        try fixture.photo(11, tags: ["o'brien": 0.9, "x' or 1=1": 0.9])
        #expect(try fixture.ids("\"o'brien\"") == [11])
        #expect(try fixture.ids("\"x' OR 1=1 --\"") == [11])
        #expect(try fixture.ids("\"' or 1=1 --\"") == [])
    }

    @Test func badArgumentsAreInvalidInput() throws {
        let query = try TagQuery(parsing: "dog")
        for (limit, confidence) in [(0, 0.5), (1001, 0.5), (10, -0.1), (10, 1.5), (10, .nan)] {
            #expect {
                try fixture.store.search(query, minConfidence: confidence, limit: limit, cursor: nil)
            } throws: { ($0 as? StoreError)?.isInvalidInput == true }
        }
    }
}

/// A store in a fresh temporary directory, filled by raw SQL, removed when released.
final class SearchFixture {
    let store: PhotoStore
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gaillery-search-\(UUID().uuidString)")
        store = try PhotoStore(directory: directory)
        // Fixtures need no durability; skipping fsync keeps each fixture's inserts to milliseconds.
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Inserts photo `id` with its model tags (`tags`, confidence 0...1) and manual tags (confidence 1).
    func photo(
        _ id: Int64, taken: String? = nil, added: String = "2024-07-01T12:00:00Z", status: String = "done",
        trashed: Bool = false, tags: [String: Double] = [:], manual: [String] = []
    ) throws {
        let addedAt = ISO8601DateFormatter().date(from: added)!.timeIntervalSince1970
        try store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO photos (id, sha256, name, format, byte_size, taken_at, added_at, status, trashed_at)
                    VALUES (?, ?, ?, 'jpeg', 1, ?, ?, ?, ?)
                    """,
                arguments: [id, "sha-\(id)", "p\(id).jpg", taken, addedAt, status, trashed ? addedAt + 1 : nil])
            for (tag, confidence) in tags {
                try db.execute(
                    sql: "INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (?, ?, ?, 'model')",
                    arguments: [id, tag, confidence])
            }
            for tag in manual {
                try db.execute(
                    sql: "INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (?, ?, 1.0, 'manual')",
                    arguments: [id, tag])
            }
        }
    }

    /// The ids found by `query` (first page only), best first.
    func ids(_ query: String, minConfidence: Double = PhotoStore.defaultMinConfidence, limit: Int = 100) throws
        -> [Int64]
    {
        try hits(query, minConfidence: minConfidence, limit: limit).map(\.id.rawValue)
    }

    /// The hits of `query` (first page only), best first.
    func hits(_ query: String, minConfidence: Double = PhotoStore.defaultMinConfidence, limit: Int = 100) throws
        -> [SearchHit]
    {
        try store.search(TagQuery(parsing: query), minConfidence: minConfidence, limit: limit, cursor: nil).hits
    }

    /// Every hit of `query`, fetched `pageSize` at a time by following the cursors.
    func allPages(_ query: String, pageSize: Int, minConfidence: Double = PhotoStore.defaultMinConfidence) throws
        -> [SearchHit]
    {
        let parsed = try TagQuery(parsing: query)
        var cursor: String?
        var hits: [SearchHit] = []
        repeat {
            let page = try store.search(parsed, minConfidence: minConfidence, limit: pageSize, cursor: cursor)
            hits += page.hits
            cursor = page.nextCursor
        } while cursor != nil && hits.count < 10_000
        return hits
    }

    /// Ten photos covering every feature of the query language (see `SearchTests`).
    static func tenPhotos() throws -> SearchFixture {
        let fixture = try SearchFixture()
        try fixture.photo(1, taken: "2024-06-01T10:00:00", tags: ["dog": 0.9, "beach": 0.8])
        try fixture.photo(2, taken: "2023-12-31T23:59:59", tags: ["dog": 0.5])
        try fixture.photo(3, taken: "2024-01-01T00:00:00", tags: ["cat": 0.95])
        try fixture.photo(4, taken: "2024-12-31T23:59:59", status: "failed", tags: ["dog": 0.7, "cat": 0.6])
        try fixture.photo(5, added: "2022-06-15T12:00:00Z", tags: ["golden retriever": 0.85, "dog": 0.6])
        try fixture.photo(6, taken: "2025-01-01T00:00:00", status: "queued", tags: ["beach": 0.3, "sea lion": 0.9])
        try fixture.photo(7, taken: "2024-05-05T05:05:05", trashed: true, tags: ["dog": 0.95], manual: ["secret"])
        try fixture.photo(8, taken: "2021-01-01T08:00:00", tags: ["dog": 0.2], manual: ["dog", "family"])
        try fixture.photo(9, taken: "2024-03-15T09:30:00", status: "failed")
        try fixture.photo(10, taken: "2020-05-05T10:00:00", tags: ["beach": 0.05])
        return fixture
    }
}
