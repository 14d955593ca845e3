import Foundation
import GRDB
import GailleryCore

/// An original removed for good by `emptyTrash`, whose files the caller deletes after the commit.
package struct RemovedPhoto: Sendable {
    package var id: PhotoID
    package var sha256: String
    package var format: ImageFormat
    package var byteSize: Int64
}

extension PhotoStore {
    /// Moves a photo to the trash and returns when it was trashed (the earlier time if it already was).
    ///
    /// - Throws: `StoreError.notFound` for an unknown id.
    package func trash(_ id: PhotoID, now: Double) throws -> Double {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT trashed_at FROM photos WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.notFound("photo \(id)") }
            if let already = row["trashed_at"] as Double? { return already }
            try db.execute(sql: "UPDATE photos SET trashed_at = ? WHERE id = ?", arguments: [now, id.rawValue])
            return now
        }
    }

    /// Takes a photo out of the trash.
    ///
    /// - Throws: `StoreError.notFound` for an unknown id, `StoreError.invalid` when it is not in the trash.
    package func restore(_ id: PhotoID) throws {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT trashed_at FROM photos WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.notFound("photo \(id)") }
            guard row["trashed_at"] as Double? != nil else {
                throw StoreError.invalid("photo \(id) is not in the trash; nothing to restore")
            }
            try db.execute(sql: "UPDATE photos SET trashed_at = NULL WHERE id = ?", arguments: [id.rawValue])
        }
    }

    /// Deletes every trashed photo from the index (tags and jobs go with them) and then their files.
    ///
    /// Files are removed after the commit: a crash in between leaves orphans that `collectOrphans`
    /// removes at the next start, never an index row without its original.
    package func emptyTrash() throws -> [RemovedPhoto] {
        let removed = try pool.write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, sha256, format, byte_size FROM photos WHERE trashed_at IS NOT NULL")
            try db.execute(sql: "DELETE FROM photos WHERE trashed_at IS NOT NULL")
            return rows.map { row in
                RemovedPhoto(
                    id: PhotoID(row["id"] as Int64), sha256: row["sha256"],
                    format: ImageFormat(rawValue: row["format"]) ?? .jpeg, byteSize: row["byte_size"])
            }
        }
        for photo in removed {
            blobs.remove(blobs.originalPath(sha256: photo.sha256, fileExtension: photo.format.fileExtension))
            blobs.remove(blobs.thumbnailPath(sha256: photo.sha256))
        }
        return removed
    }

    /// Removes originals and thumbnails that no index row refers to (left by a crash between the index
    /// commit and the file removal of `emptyTrash`, or between an install and its index insert), and
    /// temporary files. Call only at start-up, before serving requests. Returns how many files it removed.
    package func collectOrphans() throws -> Int {
        blobs.clearTemporaryFiles()
        let known = try pool.read { db in Set(try String.fetchAll(db, sql: "SELECT sha256 FROM photos")) }
        var removed = 0
        for area in ["originals", "thumbs"] {
            let base = directory.appendingPathComponent(area).path
            for fan in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
                for file in (try? FileManager.default.contentsOfDirectory(atPath: base + "/" + fan)) ?? [] {
                    let sha = String(file.prefix { $0 != "." })
                    if !known.contains(sha) {
                        blobs.remove(base + "/" + fan + "/" + file)
                        removed += 1
                    }
                }
            }
        }
        return removed
    }
}
