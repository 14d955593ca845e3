import Foundation
import GRDB
import Testing

@testable import GailleryStore

/// Migrations keep the data and the triggers that depend on the tables they rebuild.
@Suite struct SchemaMigrationTests {
    /// v6 rebuilds `photo_tags`: the tags, their counts, and the triggers that keep counts and the
    /// search change log are all there afterwards.
    @Test func rebuildingPhotoTagsKeepsRowsCountsAndTriggers() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v5: photos each import added")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO photos (sha256, format, byte_size, added_at, status) VALUES ('a', 'jpeg', 1, 1, 'done');
                    INSERT INTO photos (sha256, format, byte_size, added_at, status) VALUES ('b', 'jpeg', 1, 2, 'done');
                    INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (1, 'cat', 0.9, 'model');
                    INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (1, 'cat', 1.0, 'manual');
                    INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (2, 'cat', 0.05, 'model');
                    """)
        }
        let before = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master ORDER BY name")
        }
        // Up to v6 only: later migrations add tables of their own.
        try Schema.migrator.migrate(queue, upTo: "v6: photo_tags columns in key order")
        try queue.write { db in
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master ORDER BY name") == before)
            #expect(
                try Row.fetchAll(db, sql: "PRAGMA table_info(photo_tags)").map { $0["name"] as String }
                    == ["photo_id", "tag", "source", "confidence"])
            #expect(try Int.fetchOne(db, sql: "SELECT n FROM tag_counts WHERE tag = 'cat'") == 1)
            let logged = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_changes") ?? 0
            try db.execute(sql: "UPDATE photo_tags SET confidence = 0.8 WHERE photo_id = 2")
            #expect(try Int.fetchOne(db, sql: "SELECT n FROM tag_counts WHERE tag = 'cat'") == 2)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_changes") == logged + 1)
            try db.execute(sql: "UPDATE photos SET trashed_at = 5 WHERE id = 1")
            #expect(try Int.fetchOne(db, sql: "SELECT n FROM tag_counts WHERE tag = 'cat'") == 1)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
        }
    }
}
