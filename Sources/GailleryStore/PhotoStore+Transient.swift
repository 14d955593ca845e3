import Foundation
import GRDB
import GailleryCore

extension PhotoStore {
    /// Runs `updates` in one transaction that commits to the write-ahead log without fsync
    /// (`synchronous = NORMAL` for this transaction only, then back to `FULL`).
    ///
    /// For transient state only (a photo's `decoding`/`classifying` status, a job's attempt count): such
    /// a commit survives a crash of the daemon (the log is in the kernel's page cache), but a power cut
    /// may lose it. Every later `FULL` commit fsyncs the log up to itself, so it never reorders with
    /// durable writes: a lost transient write is always the newest thing lost.
    ///
    /// - Throws: the database error; the transaction is rolled back then.
    func writeUnsynced<T>(_ updates: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in try Self.unsynced(db, updates) }
    }

    /// `writeUnsynced` queued behind the writes already waiting for the writer, without waiting for it;
    /// `completion` runs on the writer's queue after the commit (or with the error).
    func asyncWriteUnsynced<T: Sendable>(
        _ updates: @escaping @Sendable (Database) throws -> T,
        completion: @escaping @Sendable (Result<T, Error>) -> Void
    ) {
        pool.asyncWriteWithoutTransaction { db in
            completion(Result { try Self.unsynced(db, updates) })
        }
    }

    private static func unsynced<T>(_ db: Database, _ updates: (Database) throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
        defer {
            // The writer must never stay relaxed: every acknowledged upload relies on FULL. Setting a
            // pragma to a constant takes no lock and reads no page, so this cannot fail in practice.
            do {
                try db.execute(sql: "PRAGMA synchronous = FULL")
            } catch {
                preconditionFailure("could not restore PRAGMA synchronous = FULL on the index: \(error)")
            }
        }
        var result: T?
        try db.inTransaction {
            result = try updates(db)
            return .commit
        }
        return result!
    }

    /// Marks a job as started (bumps its attempt count) and sets its photo's transient status, without
    /// fsync (see `writeUnsynced`): after a crash the job row (committed durably at upload) is what
    /// resumes the work, and the attempt count only has to survive a crash of the daemon itself, which
    /// it does, so a photo that kills the daemon still gives up after `maxAttempts`.
    ///
    /// - Throws: `DatabaseError` when the index cannot be written.
    package func beginStage(job: Int64, photo: PhotoID, status: PhotoStatus) throws {
        try writeUnsynced { db in
            try db.cachedStatement(sql: "UPDATE jobs SET attempts = attempts + 1 WHERE id = ?")
                .execute(arguments: [job])
            try db.cachedStatement(sql: "UPDATE photos SET status = ? WHERE id = ?")
                .execute(arguments: [status.rawValue, photo.rawValue])
        }
    }

    /// Moves a photo from `decoding` to `classifying` without fsync and without waiting for the writer
    /// (the decode worker goes on at once). Writes are applied in order, so this lands before the photo's
    /// final commit; the `status = 'decoding'` guard keeps it from ever overwriting a final status.
    /// `completion` gets whether the status changed (false when it was not `decoding`, or on error).
    package func markClassifying(_ photo: PhotoID, completion: @escaping @Sendable (Result<Bool, Error>) -> Void) {
        asyncWriteUnsynced(
            { db in
                let update = try db.cachedStatement(
                    sql: "UPDATE photos SET status = 'classifying' WHERE id = ? AND status = 'decoding'")
                try update.execute(arguments: [photo.rawValue])
                return db.changesCount == 1
            },
            completion: completion)
    }
}
