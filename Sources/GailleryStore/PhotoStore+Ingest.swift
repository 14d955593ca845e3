import Foundation
import GRDB
import GailleryCore

extension PhotoStore {
    /// Installs a staged original under its content address and indexes it with a queued ingest job,
    /// or, when these bytes are already stored, discards the copy and returns the existing photo.
    ///
    /// When this returns, the original is fsynced in place and the row and its job are committed.
    /// A duplicate that was in the trash is restored.
    ///
    /// - Parameter importID: the import adding this file; a new photo is recorded as its addition in the
    ///   same transaction (`import_photos`).
    /// - Throws: `StoreError` when installing the file or writing the index fails.
    package func ingest(
        _ staged: StagedFile, format: ImageFormat, name: String?, now: Double, importID: Int64? = nil
    ) throws -> IngestOutcome {
        if let existing = try existingPhoto(sha256: staged.sha256) {
            blobs.remove(staged.temporaryPath)
            return try reuse(existing, sha256: staged.sha256)
        }
        let path = blobs.originalPath(sha256: staged.sha256, fileExtension: format.fileExtension)
        let sidecar: String
        do {
            sidecar = try blobs.stageSidecar(
                PhotoSidecar(sha256: staged.sha256, name: name, addedAt: now, importID: importID))
        } catch {
            blobs.remove(staged.temporaryPath)
            throw error
        }
        try blobs.install([(sidecar, blobs.sidecarPath(sha256: staged.sha256)), (staged.temporaryPath, path)])
        let inserted: JobRecord? = try pool.write { db in
            // Cached statements: preparing these (and the search triggers they fire) was 12% of an
            // upload's CPU.
            try db.cachedStatement(
                sql: """
                    INSERT INTO photos (sha256, name, format, byte_size, added_at, status)
                    VALUES (?, ?, ?, ?, ?, 'queued') ON CONFLICT(sha256) DO NOTHING
                    """
            ).execute(arguments: [staged.sha256, name, format.rawValue, staged.byteCount, now])
            guard db.changesCount == 1 else { return nil }
            let id = db.lastInsertedRowID
            if let importID {
                try db.cachedStatement(sql: "INSERT INTO import_photos (import_id, photo_id) VALUES (?, ?)")
                    .execute(arguments: [importID, id])
            }
            try db.cachedStatement(sql: "INSERT INTO jobs (photo_id, kind, created_at) VALUES (?, 'ingest', ?)")
                .execute(arguments: [id, now])
            return JobRecord(id: db.lastInsertedRowID, photoID: PhotoID(id), kind: "ingest", attempts: 0)
        }
        if let inserted {
            return IngestOutcome(
                id: inserted.photoID, sha256: staged.sha256, duplicate: false, restored: false, status: .queued,
                job: inserted)
        }
        // Another upload of the same bytes won the race; its row is the photo.
        guard let existing = try existingPhoto(sha256: staged.sha256) else {
            throw StoreError.invalid("photo \(staged.sha256) vanished while being stored; upload it again")
        }
        return try reuse(existing, sha256: staged.sha256)
    }

    private func existingPhoto(sha256: String) throws -> (id: PhotoID, status: PhotoStatus, trashed: Bool)? {
        try pool.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, status, trashed_at FROM photos WHERE sha256 = ?"),
                arguments: [sha256]
            )
            .map { row in
                (
                    PhotoID(row["id"] as Int64), PhotoStatus(rawValue: row["status"]) ?? .failed,
                    row["trashed_at"] as Double? != nil
                )
            }
        }
    }

    private func reuse(
        _ existing: (id: PhotoID, status: PhotoStatus, trashed: Bool), sha256: String
    ) throws -> IngestOutcome {
        if existing.trashed {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE photos SET trashed_at = NULL WHERE id = ?", arguments: [existing.id.rawValue])
                try Self.writeSidecar(of: existing.id, db: db, blobs: blobs)
            }
        }
        return IngestOutcome(
            id: existing.id, sha256: sha256, duplicate: true, restored: existing.trashed, status: existing.status,
            job: nil)
    }
}
