import GRDB
import GailleryCore
import Synchronization

/// Photo counts by state, kept in memory and refreshed on the writer right after every commit that
/// touched `photos`, so `daemon.status` never waits for the database.
///
/// The counts come from `photo_counts`, which triggers keep exact inside each transaction; this cache
/// re-reads that small table (a dozen rows) in `databaseDidCommit`, on the writer's queue, before the
/// writing method returns to its caller. So once a write is acknowledged, `counts` includes it. Only
/// writes through this store's own `DatabasePool` are seen; the daemon's data-directory lock makes it
/// the only writer.
final class PhotoCountsCache: TransactionObserver, Sendable {
    private struct State {
        var counts = PhotoCounts()
        var touched = false
    }

    private let state = Mutex(State())

    /// The counts as of the last commit.
    var counts: PhotoCounts { state.withLock { $0.counts } }

    /// Reads the current counts with `db` (at open, before the observer is registered).
    ///
    /// - Throws: the database error.
    func load(_ db: Database) throws {
        let counts = try Self.fetch(db)
        state.withLock { $0.counts = counts }
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { eventKind.tableName == "photos" }

    func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.touched = true }
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidCommit(_ db: Database) {
        guard state.withLock({ $0.touched }) else { return }
        // A failed re-read keeps the stale counts but leaves `touched` set, so the next commit retries.
        guard let counts = try? Self.fetch(db) else { return }
        state.withLock { $0 = State(counts: counts, touched: false) }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { $0.touched = false }
    }

    private static func fetch(_ db: Database) throws -> PhotoCounts {
        var counts = PhotoCounts()
        for row in try Row.fetchAll(db, sql: "SELECT status, trashed, n FROM photo_counts WHERE n > 0") {
            let n: Int = row["n"]
            if row["trashed"] as Bool {
                counts.trashed += n
                continue
            }
            counts.total += n
            switch PhotoStatus(rawValue: row["status"]) {
            case .queued: counts.queued += n
            case .decoding, .classifying: counts.processing += n
            case .done: counts.done += n
            case .failed, nil: counts.failed += n
            }
        }
        return counts
    }
}

extension PhotoStore {
    /// Counts of photos by state, from memory (see `PhotoCountsCache`): exact as of the last write
    /// this store committed.
    package func counts() -> PhotoCounts { countsCache.counts }
}
