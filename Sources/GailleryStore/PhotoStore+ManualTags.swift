import Foundation
import GRDB
import GailleryCore

extension PhotoStore {
    /// Adds and removes manual tags (already canonical) on a photo and returns all its tags after.
    ///
    /// Model tags are untouched; a manual tag equal to a model tag sits beside it.
    ///
    /// - Throws: `StoreError.notFound` for an unknown id.
    package func editManualTags(_ id: PhotoID, add: [String], remove: [String]) throws -> [TagRecord] {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM photos WHERE id = ?", arguments: [id.rawValue]) != nil
            else {
                throw StoreError.notFound("photo \(id)")
            }
            for tag in remove {
                try db.execute(
                    sql: "DELETE FROM photo_tags WHERE photo_id = ? AND tag = ? AND source = 'manual'",
                    arguments: [id.rawValue, tag])
            }
            for tag in add {
                try db.execute(
                    sql: """
                        INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (?, ?, 1.0, 'manual')
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [id.rawValue, tag])
            }
            if !add.isEmpty || !remove.isEmpty { try Self.writeSidecar(of: id, db: db, blobs: blobs) }
            return try Self.tags(of: id, db: db)
        }
    }
}
