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
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT trashed_at FROM photos WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.notFound("photo \(id)") }
            if let already = row["trashed_at"] as Double? { return already }
            try db.execute(sql: "UPDATE photos SET trashed_at = ? WHERE id = ?", arguments: [now, id.rawValue])
            try Self.writeSidecar(of: id, db: db, blobs: blobs)
            return now
        }
    }

    /// Takes a photo out of the trash.
    ///
    /// - Throws: `StoreError.notFound` for an unknown id, `StoreError.invalid` when it is not in the trash.
    package func restore(_ id: PhotoID) throws {
        try pool.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT trashed_at FROM photos WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.notFound("photo \(id)") }
            guard row["trashed_at"] as Double? != nil else {
                throw StoreError.invalid("photo \(id) is not in the trash; nothing to restore")
            }
            try db.execute(sql: "UPDATE photos SET trashed_at = NULL WHERE id = ?", arguments: [id.rawValue])
            try Self.writeSidecar(of: id, db: db, blobs: blobs)
        }
    }

    /// Deletes every trashed photo from the index (tags and jobs go with them) and then their files.
    ///
    /// Files are removed after the commit, the sidecar last: a crash in between leaves an original that
    /// `recover` puts back in the trash at the next start (its sidecar says so), never an index row
    /// without its original.
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
            blobs.remove(blobs.sidecarPath(sha256: photo.sha256))
        }
        return removed
    }
}
