import Foundation
import GRDB
import GailleryCore

/// A durable pipeline work item: one photo waiting for, or in, its stages.
package struct JobRecord: Sendable, Equatable {
    package var id: Int64
    package var photoID: PhotoID
    package var kind: String
    /// Times a worker started decoding the photo in runs of the daemon that died before decoding
    /// passed (see `PhotoStore.beginStage`).
    package var attempts: Int

    package init(id: Int64, photoID: PhotoID, kind: String, attempts: Int) {
        self.id = id
        self.photoID = photoID
        self.kind = kind
        self.attempts = attempts
    }
}

/// What the decode stage learned about a photo.
package struct DecodedMetadata: Sendable, Equatable {
    package var width: Int
    package var height: Int
    package var orientation: Int
    package var takenAt: String?

    package init(width: Int, height: Int, orientation: Int, takenAt: String?) {
        self.width = width
        self.height = height
        self.orientation = orientation
        self.takenAt = takenAt
    }
}

extension PhotoStore {
    /// Every job in the table, oldest first. At start-up these are the jobs a crash interrupted.
    package func pendingJobs() throws -> [JobRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, photo_id, kind, attempts FROM jobs ORDER BY id").map { row in
                JobRecord(
                    id: row["id"], photoID: PhotoID(row["photo_id"] as Int64), kind: row["kind"],
                    attempts: row["attempts"])
            }
        }
    }

    /// Puts every photo that still has a job back to `queued` (their stages were interrupted).
    package func requeueInterrupted() throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE photos SET status = 'queued', error = NULL WHERE id IN (SELECT photo_id FROM jobs)")
        }
    }

    /// Parks a job after its decode stage: it becomes a `classify` job (so decoding is not repeated)
    /// and its photo goes back to `queued` until a classifier is available (at the next start). What
    /// decoding found, when given, is stored in the same transaction.
    package func parkForClassifier(job: Int64, photo: PhotoID, metadata: DecodedMetadata? = nil) throws {
        try pool.write { db in
            if let metadata { try Self.recordMetadata(db, photo, metadata) }
            try db.cachedStatement(sql: "UPDATE jobs SET kind = 'classify', attempts = 0 WHERE id = ?")
                .execute(arguments: [job])
            try db.cachedStatement(sql: "UPDATE photos SET status = 'queued' WHERE id = ?")
                .execute(arguments: [photo.rawValue])
        }
    }

    /// Sets a photo's status (and error) without finishing its job.
    package func setStatus(_ photo: PhotoID, _ status: PhotoStatus, error: String? = nil) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE photos SET status = ?, error = ? WHERE id = ?")
                .execute(arguments: [status.rawValue, error, photo.rawValue])
        }
    }

    /// Stores what decoding found.
    package func recordMetadata(_ photo: PhotoID, _ metadata: DecodedMetadata) throws {
        try pool.write { db in try Self.recordMetadata(db, photo, metadata) }
    }

    /// `recordMetadata`'s statement inside the caller's transaction.
    static func recordMetadata(_ db: Database, _ photo: PhotoID, _ metadata: DecodedMetadata) throws {
        let update = try db.cachedStatement(
            sql: "UPDATE photos SET width = ?, height = ?, orientation = ?, taken_at = ? WHERE id = ?")
        try update.execute(
            arguments: [metadata.width, metadata.height, metadata.orientation, metadata.takenAt, photo.rawValue])
    }

    /// Finishes a job: deletes it and sets the photo's final status (with what decoding found, when
    /// given) in one transaction.
    package func finishJob(
        _ job: Int64, photo: PhotoID, status: PhotoStatus, error: String?, metadata: DecodedMetadata? = nil
    ) throws {
        try pool.write { db in
            if let metadata { try Self.recordMetadata(db, photo, metadata) }
            try db.cachedStatement(sql: "DELETE FROM jobs WHERE id = ?").execute(arguments: [job])
            try db.cachedStatement(sql: "UPDATE photos SET status = ?, error = ? WHERE id = ?")
                .execute(arguments: [status.rawValue, error, photo.rawValue])
        }
    }

    /// The status and error of each photo in `ids` that exists.
    package func statuses(_ ids: [PhotoID]) throws -> [PhotoID: (status: PhotoStatus, error: String?)] {
        guard !ids.isEmpty else { return [:] }
        return try pool.read { db in
            var result: [PhotoID: (status: PhotoStatus, error: String?)] = [:]
            for row in try Row.fetchAll(
                db,
                sql: "SELECT id, status, error FROM photos WHERE id IN (\(databaseQuestionMarks(count: ids.count)))",
                arguments: StatementArguments(ids.map(\.rawValue)))
            {
                result[PhotoID(row["id"] as Int64)] = (PhotoStatus(rawValue: row["status"]) ?? .failed, row["error"])
            }
            return result
        }
    }
}
