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

    /// Marks a job's decode stage as started on a worker: records `attempt` (the attempt count the job
    /// had when this run of the daemon loaded or created it, plus one) and sets the photo's transient
    /// status, without fsync (see `writeUnsynced`).
    ///
    /// The count answers one question at the next start: did the daemon die while decoding this photo,
    /// `maxAttempts` times in a row? So it is raised only here, when a worker really starts on the photo
    /// (never when a job is merely requeued at start-up), to a value set from the loaded count rather than
    /// incremented, so a job retried within one run (e.g. after a full disk) counts once; it drops back to
    /// 0 as soon as decoding passes (`passedDecoding`), and the job row, count and all, goes when the photo
    /// finishes. A photo that kills the daemon while it decodes still gives up after `maxAttempts`: the
    /// unsynced commit survives a crash of the daemon itself.
    ///
    /// - Throws: `DatabaseError` when the index cannot be written.
    package func beginStage(job: Int64, attempt: Int, photo: PhotoID, status: PhotoStatus) throws {
        try writeUnsynced { db in
            try db.cachedStatement(sql: "UPDATE jobs SET attempts = ? WHERE id = ?").execute(arguments: [attempt, job])
            try db.cachedStatement(sql: "UPDATE photos SET status = ? WHERE id = ?")
                .execute(arguments: [status.rawValue, photo.rawValue])
        }
    }

    /// Records that a job's decode stage passed: its attempt count goes back to 0 (a crash from now on is
    /// not this photo's doing: the model's input has a fixed shape) and its photo moves from `decoding` to
    /// `classifying`, without fsync and without waiting for the writer (the decode worker goes on at
    /// once). Writes are applied in order, so this lands before the photo's final commit; the
    /// `status = 'decoding'` guard keeps it from ever overwriting a final status. `completion` gets
    /// whether the status changed (false when it was not `decoding`, as for classify jobs, or on error).
    package func passedDecoding(
        job: Int64, photo: PhotoID, completion: @escaping @Sendable (Result<Bool, Error>) -> Void
    ) {
        asyncWriteUnsynced(
            { db in
                try db.cachedStatement(sql: "UPDATE jobs SET attempts = 0 WHERE id = ?").execute(arguments: [job])
                let update = try db.cachedStatement(
                    sql: "UPDATE photos SET status = 'classifying' WHERE id = ? AND status = 'decoding'")
                try update.execute(arguments: [photo.rawValue])
                return db.changesCount == 1
            },
            completion: completion)
    }
}
