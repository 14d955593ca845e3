import Foundation
import GRDB
import GailleryCore

/// One row of `imports`: a directory import and its progress.
package struct ImportRecord: Sendable, Equatable {
    package var id: Int64
    package var dir: String
    package var recursive: Bool
    /// running, done, cancelled or failed.
    package var state: String
    package var total: Int
    package var processed: Int
    package var added: Int
    package var duplicates: Int
    package var failed: Int
    /// Regular files that are not JPEG or PNG (sidecars, videos, ...), left alone.
    package var skipped: Int
    package var error: String?
    package var createdAt: Double
    package var finishedAt: Double?

    init(row: Row) {
        id = row["id"]
        dir = row["dir"]
        recursive = row["recursive"]
        state = row["state"]
        total = row["total"]
        processed = row["processed"]
        added = row["added"]
        duplicates = row["duplicates"]
        failed = row["failed"]
        skipped = row["skipped"]
        error = row["error"]
        createdAt = row["created_at"]
        finishedAt = row["finished_at"]
    }
}

extension PhotoStore {
    /// Records a new running import and returns its id.
    package func createImport(dir: String, recursive: Bool, now: Double) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO imports (dir, recursive, state, created_at) VALUES (?, ?, 'running', ?)",
                arguments: [dir, recursive, now])
            return db.lastInsertedRowID
        }
    }

    /// Saves an import's counters (and, when `state` is final, its end). A cancelled import stays cancelled.
    package func updateImport(_ record: ImportRecord, now: Double) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE imports SET state = CASE WHEN state = 'cancelled' THEN state ELSE ? END, total = ?, processed = ?, added = ?, duplicates = ?, failed = ?,
                    skipped = ?, error = ?, finished_at = CASE WHEN ? = 'running' THEN NULL ELSE ? END WHERE id = ?
                    """,
                arguments: [
                    record.state, record.total, record.processed, record.added, record.duplicates, record.failed,
                    record.skipped, record.error, record.state, now, record.id,
                ])
        }
    }

    /// Whether `photo` was added by import `importID` (rather than found already stored), by this run or
    /// by an earlier run of the same import that was interrupted.
    package func importAdded(_ importID: Int64, photo: PhotoID) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM import_photos WHERE import_id = ? AND photo_id = ?",
                arguments: [importID, photo.rawValue]) ?? false
        }
    }

    /// One import, or nil.
    package func importJob(_ id: Int64) throws -> ImportRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM imports WHERE id = ?", arguments: [id]).map(ImportRecord.init)
        }
    }

    /// Imports, newest first, optionally only those in `state`.
    package func imports(state: String?, limit: Int) throws -> [ImportRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM imports WHERE (? IS NULL OR state = ?) ORDER BY id DESC LIMIT ?",
                arguments: [state, state, limit]
            ).map(ImportRecord.init)
        }
    }
}
