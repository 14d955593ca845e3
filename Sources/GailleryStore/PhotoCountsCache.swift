import GRDB
import GailleryCore
import Synchronization

/// Photo counts by state, kept in memory and refreshed on the writer right after every commit that
/// touched `photos`, so `daemon.status` never waits for the database; and the change generation, a
/// number raised after every commit that touched `photos` or `photo_tags`, which tells in-memory
/// answers (the search index, rendered photo summaries) whether they are still current.
///
/// `photo_tags` is a WITHOUT ROWID table, whose changes SQLite's update hook (and so GRDB) never
/// reports; every change to it makes a trigger append to `search_changes` (schema v4), a rowid table,
/// so that table stands in for it.
///
/// The counts come from `photo_counts`, which triggers keep exact inside each transaction; this cache
/// re-reads that small table (a dozen rows) in `databaseDidCommit`, on the writer's queue, before the
/// writing method returns to its caller. So once a write is acknowledged, `counts` includes it and
/// `generation` has moved past every value read before it. Only
/// writes through this store's own `DatabasePool` are seen; the daemon's data-directory lock makes it
/// the only writer.
final class PhotoCountsCache: TransactionObserver, Sendable {
    private struct State {
        var counts = PhotoCounts()
        /// `photos` changed in the open transaction.
        var touched = false
        /// `search_changes` grew (tags changed) in the open transaction.
        var tagsTouched = false
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Called after each commit that raised the generation, by registration number.
    private let listeners = Mutex((next: 0, all: [Int: @Sendable () -> Void]()))

    /// The counts as of the last commit.
    var counts: PhotoCounts { state.withLock { $0.counts } }

    /// How many commits have touched `photos` or `photo_tags` since the store opened.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Reads the current counts with `db` (at open, before the observer is registered).
    ///
    /// - Throws: the database error.
    func load(_ db: Database) throws {
        let counts = try Self.fetch(db)
        state.withLock { $0.counts = counts }
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == "photos" || eventKind.tableName == "search_changes"
    }

    func databaseDidChange(with event: DatabaseEvent) {
        let isPhotos = event.tableName == "photos"
        state.withLock { state in
            if isPhotos { state.touched = true } else { state.tagsTouched = true }
        }
        // A change to `photos` leaves nothing more to learn in this transaction.
        if isPhotos { stopObservingDatabaseChangesUntilNextTransaction() }
    }

    func databaseDidCommit(_ db: Database) {
        let (touched, tagsTouched) = state.withLock { ($0.touched, $0.tagsTouched) }
        guard touched || tagsTouched else { return }
        // A failed re-read keeps the stale counts but leaves `touched` set, so the next commit retries.
        let counts = touched ? try? Self.fetch(db) : nil
        state.withLock { state in
            state.generation &+= 1
            state.tagsTouched = false
            if let counts {
                state.counts = counts
                state.touched = false
            }
        }
        for listener in listeners.withLock({ Array($0.all.values) }) { listener() }
    }

    /// Calls `listener` on the writer's queue after every commit that raises the generation, until
    /// `removeListener` is called with the returned number. The listener must only note the change.
    func addListener(_ listener: @escaping @Sendable () -> Void) -> Int {
        listeners.withLock { listeners in
            defer { listeners.next += 1 }
            listeners.all[listeners.next] = listener
            return listeners.next
        }
    }

    /// Stops calling the listener `addListener` returned `number` for.
    func removeListener(_ number: Int) {
        _ = listeners.withLock { $0.all.removeValue(forKey: number) }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { state in
            state.touched = false
            state.tagsTouched = false
        }
    }

    private static func fetch(_ db: Database) throws -> PhotoCounts {
        var counts = PhotoCounts()
        // After every commit that touched photos: a cached statement, not a fresh prepare each time.
        let statement = try db.cachedStatement(sql: "SELECT status, trashed, n FROM photo_counts WHERE n > 0")
        for row in try Row.fetchAll(statement) {
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

    /// The change generation: raised after every commit that touched photos or tags (see
    /// `PhotoCountsCache`). Read it before a read transaction to learn which commits its snapshot
    /// holds at least; an answer kept from that snapshot is current while the generation is unchanged.
    package var changeGeneration: UInt64 { countsCache.generation }
}
