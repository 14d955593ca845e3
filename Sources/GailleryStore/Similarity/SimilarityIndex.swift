import Foundation
import GRDB
import Synchronization

/// The in-memory similarity index (`SimilarityCodes`) of every non-trashed photo with an appearance,
/// kept equal to the database by replaying the `appearance_changes` log that triggers write when a
/// photo's appearance is written or removed, or the photo is trashed, restored or deleted (see
/// `Schema.appearance`). Loaded at the first use, caught up before each use.
///
/// The codes are used under the lock rather than handed out as a copy-on-write value: at 100,000 photos
/// they are 128 MB, and a catch-up while a reader held a copy would copy them whole.
package final class SimilarityIndex: Sendable {
    private struct Guarded {
        var codes = SimilarityCodes()
        var version: Int64?
        var loads = 0
    }

    /// The most log entries replayed one photo at a time; beyond, a full reload.
    static let catchUpChanges: Int64 = 8192

    private let guarded = Mutex(Guarded())

    /// An index that loads itself at its first use.
    package init() {}

    /// How many full loads the index has made (for tests).
    package var loadCount: Int { guarded.withLock { $0.loads } }

    /// Runs `body` on the codes as of `db`'s snapshot or newer, caught up first. Call inside a read.
    /// - Throws: what SQLite throws, and what `body` throws.
    func withCodes<T>(_ db: Database, _ body: (SimilarityCodes) throws -> T) throws -> T {
        try guarded.withLock { guarded in
            let latest = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM appearance_changes") ?? 0
            if let version = guarded.version, version < latest {
                if try !catchUp(&guarded.codes, from: version, to: latest, db) {
                    guarded.version = nil
                }
            }
            if guarded.version == nil || guarded.version! < latest {
                if guarded.version == nil {
                    guarded.codes = try Self.load(db)
                    guarded.loads += 1
                }
                guarded.version = latest
            }
            return try body(guarded.codes)
        }
    }

    private static let rowColumns = """
        SELECT a.photo_id, a.model, a.phash, a.embedding FROM photo_appearance a
        JOIN photos p ON p.id = a.photo_id WHERE p.trashed_at IS NULL
        """

    /// Replays the log after `version`; false when a full load is needed instead.
    private func catchUp(_ codes: inout SimilarityCodes, from version: Int64, to latest: Int64, _ db: Database) throws
        -> Bool
    {
        guard latest - version <= Self.catchUpChanges,
            let oldest = try Int64.fetchOne(db, sql: "SELECT MIN(seq) FROM appearance_changes"),
            oldest <= version + 1
        else { return false }
        let changed = try Int64.fetchAll(
            db, sql: "SELECT DISTINCT photo_id FROM appearance_changes WHERE seq > ?", arguments: [version])
        let statement = try db.cachedStatement(sql: Self.rowColumns + " AND a.photo_id = ?")
        for id in changed {
            if let row = try Row.fetchOne(statement, arguments: [id]) {
                Self.apply(row, to: &codes)
            } else {
                codes.remove(id)
            }
        }
        return true
    }

    private static func load(_ db: Database) throws -> SimilarityCodes {
        var codes = SimilarityCodes()
        let rows = try Row.fetchCursor(db, sql: rowColumns + " ORDER BY a.photo_id")
        while let row = try rows.next() { apply(row, to: &codes) }
        return codes
    }

    private static func apply(_ row: Row, to codes: inout SimilarityCodes) {
        let id: Int64 = row[0]
        let hash: Int64 = row[2]
        let blob: [UInt8] = (row[3] as Data?).map { Array($0) } ?? []
        guard
            codes.upsert(
                id, embedding: AppearanceRecord.decode(float16: blob), hash: UInt64(bitPattern: hash), model: row[1])
        else {
            // A vector of another length (another model family) cannot be compared with the others.
            codes.remove(id)
            return
        }
    }
}
