import Foundation
import GRDB
import GailleryCore
import GailleryStore
import Synchronization
import Testing
import GailleryTestSupport

/// The in-memory index stays equal to the plain SQL evaluation through random sequences of every
/// kind of write the store makes (ingest, classification, manual tags, trash, restore, emptying the
/// trash) and raw SQL ones (status, capture date, confidence, deletes, photos inserted below the
/// highest id, dates the index can't key), with catching up and with full reloads.
@Suite struct SearchIndexCoherenceTests {
    static let vocabulary = SearchIndexPropertyTests.vocabulary

    @Test("catching up follows random writes", arguments: [1, 2, 3])
    func catchingUpFollowsRandomWrites(seed: UInt64) throws {
        let (fixture, belowHighest) = try Self.run(seed: seed, limits: .standard)
        // One load at open, then one for each photo inserted below the highest id: every other change
        // was replayed from the log.
        #expect(fixture.store.searchIndex.loadCount == 1 + belowHighest)
        #expect(belowHighest > 0)
    }

    @Test("full reloads follow random writes", arguments: [4, 5])
    func fullReloadsFollowRandomWrites(seed: UInt64) throws {
        let (fixture, _) = try Self.run(seed: seed, limits: .init(catchUpChanges: 0, deadSlots: 0))
        #expect(fixture.store.searchIndex.loadCount > 100)
    }

    /// 250 random writes on 24 photos, each followed by random queries compared with the reference.
    static func run(seed: UInt64, limits: SearchIndex.Limits) throws -> (SearchFixture, belowHighest: Int) {
        var random = SplitMix64(seed: seed)
        let fixture = try SearchFixture()
        let store = fixture.store
        store.searchIndex.setLimits(limits)
        let rendered = RenderedPhotoCache(store: store, render: InMemoryAnswersTests.render)
        // Even ids, so that raw inserts of odd ids land below the highest id.
        for id in stride(from: Int64(2), through: 48, by: 2) {
            try fixture.photo(
                id, taken: "2023-0\(1 + id % 9)-01T00:00:00", tags: SearchIndexPropertyTests.randomTags(&random))
        }
        var insertedBelow: Set<Int64> = []
        for step in 0..<250 {
            let ids = try store.pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM photos") }
            let id = ids.isEmpty ? 2 : ids[Int(random.next() % UInt64(ids.count))]
            let tag = vocabulary[Int(random.next() % 6)]
            switch ids.isEmpty ? 7 : random.next() % 14 {
            case 0, 1:
                let tags = SearchIndexPropertyTests.randomTags(&random).map { (tag: $0.key, confidence: $0.value) }
                try store.recordClassification(PhotoID(id), labels: [], tags: tags)
            case 2: _ = try store.editManualTags(PhotoID(id), add: [tag], remove: [])
            case 3: _ = try store.editManualTags(PhotoID(id), add: [], remove: [tag])
            case 4: _ = try store.trash(PhotoID(id), now: 1)
            case 5: try? store.restore(PhotoID(id))
            case 6: _ = try store.emptyTrash()
            case 7:
                let staged = try store.blobs.stage(bytes: Array("photo \(seed) \(step)".utf8))
                let outcome = try store.ingest(staged, format: .jpeg, name: nil, now: 1_700_000_000)
                try store.recordClassification(
                    outcome.id, labels: [], tags: [(tag: tag, confidence: Double(random.next() % 17) / 16)])
            case 8: try store.setStatus(PhotoID(id), [.done, .failed, .queued][Int(random.next() % 3)])
            case 9:
                // Capture dates, missing ones (the upload date counts), and one too long for a key.
                let dates = ["2024-02-29T12:00:00", nil, "2022-12-31T23:59:59", "2024-06-01T10:00:00.000+02:00"]
                try sql(store, "UPDATE photos SET taken_at = ? WHERE id = ?", [dates[Int(random.next() % 4)], id])
            case 10:
                let confidence = Double(random.next() % 17) / 16
                try sql(
                    store, "UPDATE photo_tags SET confidence = ? WHERE photo_id = ? AND tag = ? AND source = 'model'",
                    [confidence, id, tag])
            case 11: try sql(store, "DELETE FROM photos WHERE id = ?", [id])
            case 12:
                let odd = Int64(1 + 2 * (random.next() % 24))
                // A new id below the highest: the index can't give it a slot in order, and reloads.
                if !insertedBelow.contains(odd) && odd < (ids.max() ?? 0) && insertedBelow.count < 6 {
                    try fixture.photo(odd, tags: SearchIndexPropertyTests.randomTags(&random))
                    insertedBelow.insert(odd)
                }
            default:
                // Manual rows keep confidence 1; OR IGNORE skips a rename onto an existing row.
                try sql(
                    store,
                    "UPDATE OR IGNORE photo_tags SET tag = ? WHERE photo_id = ? AND tag = 'dog' AND source = 'model'",
                    [tag, id])
            }
            for round in 0..<2 {
                let text = SearchIndexPropertyTests.randomQuery(&random, depth: 2)
                let minConfidence = [0, 0.1, 0.5][Int(random.next() % 3)]
                // Right after the write, before anything reads the database: in-memory answers.
                if round == 0 { try InMemoryAnswersTests.expectCoherent(store, rendered, text, minConfidence) }
                try SearchIndexPropertyTests.expectSameResults(store, text, minConfidence, pageSize: 4 + step % 4)
            }
        }
        return (fixture, insertedBelow.count)
    }

    static func sql(_ store: PhotoStore, _ sql: String, _ arguments: StatementArguments) throws {
        try store.pool.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    @Test func theLogStaysBoundedAndAnIndexFarBehindReloads() throws {
        let fixture = try SearchFixture()
        try fixture.photo(1, tags: ["dog": 0.5])
        #expect(try fixture.ids("dog") == [1])
        let loads = fixture.store.searchIndex.loadCount
        try fixture.store.pool.write { db in
            let photo = try db.makeStatement(
                sql: "INSERT INTO photos (id, sha256, format, byte_size, added_at, status) "
                    + "VALUES (?, ?, 'jpeg', 1, 0, 'done')")
            let tag = try db.makeStatement(
                sql: "INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (?, 'dog', ?, 'model')")
            for id in Int64(2)...5000 {
                try photo.execute(arguments: [id, "sha-\(id)"])
                try tag.execute(arguments: [id, Double(id % 16) / 16])
            }
        }
        let logged = try fixture.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_changes")
        }
        #expect(logged.map { (8192..<9216).contains($0) } == true, "\(logged ?? -1) entries")
        try SearchIndexPropertyTests.expectSameResults(fixture.store, "dog", 0.1, pageSize: 250)
        #expect(fixture.store.searchIndex.loadCount == loads + 1)
    }

    @Test func datesTooLongForAKeyOrNotTextStillFilterExactly() throws {
        let fixture = try SearchFixture.tenPhotos()
        let queries = ["since:2024", "until:2024-06 dog", "-since:2024-06-01 | cat"]
        try SearchIndexCoherenceTests.sql(
            fixture.store, "UPDATE photos SET taken_at = '2024-06-01T10:00:00.000+02:00' WHERE id = 1", [])
        for text in queries { try SearchIndexPropertyTests.expectSameResults(fixture.store, text, 0.1, pageSize: 2) }
        // No capture date and an upload date strftime can't render: the local date is NULL.
        try SearchIndexCoherenceTests.sql(
            fixture.store, "UPDATE photos SET taken_at = NULL, added_at = 1e300 WHERE id = 2", [])
        for text in queries { try SearchIndexPropertyTests.expectSameResults(fixture.store, text, 0.1, pageSize: 2) }
        #expect(
            try fixture.ids("-since:2024-06-01 | cat") == [3, 4, 10, 9, 8, 5], "photo 2's NULL date matches neither way"
        )
    }

    @Test func aReopenedStoreLoadsEverythingAtOpen() throws {
        let fixture = try SearchFixture.tenPhotos()
        let reopened = try PhotoStore(directory: fixture.directory)
        #expect(reopened.searchIndex.loadCount == 1)
        #expect(reopened.searchIndex.memoryFootprint > 0)
        for text in ["dog", "dog | cat", "-dog", "status:failed", "since:2024 -beach"] {
            try SearchIndexPropertyTests.expectSameResults(reopened, text, 0.1, pageSize: 2)
        }
    }

    @Test func concurrentSearchesAndWritesEndCoherent() throws {
        var random = SplitMix64(seed: 9)
        let fixture = try SearchIndexPropertyTests.library(&random, photos: 40)
        let store = fixture.store
        let queries = try ["dog", "dog | cat", "dog -beach", "-sky", "status:failed | tree"].map(
            TagQuery.init(parsing:))
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for step in 0..<100 {
                do {
                    if worker == 0 {
                        let tags = [(tag: Self.vocabulary[step % 6], confidence: Double(step % 17) / 16)]
                        try store.recordClassification(PhotoID(Int64(1 + step % 40)), labels: [], tags: tags)
                    } else {
                        _ = try store.search(queries[step % queries.count], minConfidence: 0.1, limit: 5, cursor: nil)
                    }
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        for query in ["dog", "dog | cat", "dog -beach", "-sky", "status:failed | tree"] {
            try SearchIndexPropertyTests.expectSameResults(store, query, 0.1, pageSize: 4)
        }
    }
}
