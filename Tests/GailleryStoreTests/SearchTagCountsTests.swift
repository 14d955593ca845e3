import GRDB
import GailleryCore
import GailleryStore
import Testing
import GailleryTestSupport

/// The trigger-kept `tag_counts` (what `tagsList` reads at the default threshold) stays equal to a
/// count of the rows through every kind of write: classification (replace, upsert), manual tags,
/// trash, restore, emptying the trash and deleting a photo that is not in the trash.
@Suite struct SearchTagCountsTests {
    static let vocabulary = ["dog", "cat", "beach", "tree"]

    @Test("counts follow random writes", arguments: [1, 2, 3])
    func countsFollowRandomWrites(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let fixture = try SearchFixture()
        let store = fixture.store
        for id in Int64(1)...20 { try fixture.photo(id) }
        var deleted: Set<Int64> = []
        for step in 0..<300 {
            let id = Int64(1 + random.next() % 20)
            guard !deleted.contains(id) else { continue }
            let photo = PhotoID(id)
            // Confidences around the 0.1 threshold, exactly on it included.
            let confidence = [0, 0.05, 0.1, 0.2, 0.9, 1][Int(random.next() % 6)]
            let tag = Self.vocabulary[Int(random.next() % 4)]
            switch random.next() % 10 {
            case 0...2:
                let tags = (0..<random.next() % 3).map { _ in
                    (
                        tag: Self.vocabulary[Int(random.next() % 4)],
                        confidence: [0.05, 0.1, 0.3][Int(random.next() % 3)]
                    )
                }
                try store.recordClassification(photo, labels: [], tags: tags)
            case 3, 4: _ = try store.editManualTags(photo, add: [tag], remove: [])
            case 5: _ = try store.editManualTags(photo, add: [], remove: [tag])
            case 6: _ = try store.trash(photo, now: 1)
            case 7: try? store.restore(photo)
            case 8:
                try store.pool.write { db in
                    try db.execute(
                        sql: "UPDATE photo_tags SET confidence = ? WHERE photo_id = ? AND tag = ?",
                        arguments: [confidence, id, tag])
                }
            default:
                if random.next() % 2 == 0 {
                    deleted.formUnion(try store.emptyTrash().map(\.id.rawValue))
                } else {
                    try store.pool.write { db in try db.execute(sql: "DELETE FROM photos WHERE id = ?", arguments: [id])
                    }
                    deleted.insert(id)
                }
            }
            let listed = try store.tagsList(prefix: nil, limit: 100).map { "\($0.tag)=\($0.count)" }
            #expect(listed == (try Self.reference(store)), "after step \(step)")
        }
    }

    @Test func migrationCountsExistingRows() throws {
        let fixture = try SearchFixture.tenPhotos()
        let stored = try fixture.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT tag, n FROM tag_counts WHERE n > 0 ORDER BY n DESC, tag")
                .map { "\($0[0] as String)=\($0[1] as Int)" }
        }
        #expect(stored == (try Self.reference(fixture.store)))
        #expect(!stored.isEmpty)
    }

    /// Counts by definition: distinct non-trashed photos with a row at or above 0.1.
    static func reference(_ store: PhotoStore) throws -> [String] {
        try store.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.tag, COUNT(DISTINCT t.photo_id) AS n FROM photo_tags t JOIN photos p ON p.id = t.photo_id
                    WHERE p.trashed_at IS NULL AND t.confidence >= 0.1 GROUP BY t.tag ORDER BY n DESC, t.tag
                    """
            ).map { "\($0[0] as String)=\($0[1] as Int)" }
        }
    }
}
