import GRDB
import Synchronization

/// The in-memory search index (`SearchIndexState`), kept equal to the database by replaying the
/// `search_changes` log that triggers write on every change to `photos` and `photo_tags` (schema v4).
///
/// `state(_:)` runs inside a read transaction: it reads the log's last sequence number in that
/// snapshot, reloads from the snapshot every photo that changed since the index's version, and hands
/// out the result, a value that the next catch-up never changes under a reader (copy on write).
/// Because the log is written by triggers, every writer is seen: this store's methods, raw SQL in tests
/// and benchmarks, another process. A full reload replaces catching up when the index is behind by more
/// than `Limits.catchUpChanges` changes, when the log was pruned past its version, when a new photo's
/// id is below an indexed id, or when dead slots pile up.
package final class SearchIndex: Sendable {
    /// When catching up gives way to a full reload.
    package struct Limits: Sendable {
        /// The most log entries replayed one photo at a time; beyond, a full reload is cheaper.
        package var catchUpChanges: Int64
        /// The most slots of deleted photos kept before a full reload compacts them, at least.
        package var deadSlots: Int

        /// The limits measured best at 100,000 photos (Benchmarks/README.md, Search).
        package static let standard = Limits(catchUpChanges: 8192, deadSlots: 1024)

        /// Creates limits.
        package init(catchUpChanges: Int64, deadSlots: Int) {
            self.catchUpChanges = catchUpChanges
            self.deadSlots = deadSlots
        }
    }

    private struct Guarded {
        var state: SearchIndexState?
        var limits: Limits
        var rebuilds = 0
        /// The newest change generation (`PhotoStore.changeGeneration`) `state` is known to hold.
        var covered: UInt64?
    }

    // The state is read and replaced under this lock; readers get a copy-on-write value.
    private let guarded: Mutex<Guarded>

    /// An index that loads itself at the first `state(_:)`.
    package init(limits: Limits = .standard) {
        guarded = Mutex(Guarded(limits: limits))
    }

    /// Changes when catching up gives way to a full reload (for tests on small libraries).
    package func setLimits(_ limits: Limits) {
        guarded.withLock { $0.limits = limits }
    }

    /// How many full loads the index has made, the first included (for tests and benchmarks).
    package var loadCount: Int { guarded.withLock { $0.rebuilds } }

    /// The index's memory in bytes, by the capacities of its arrays and tables (0 before the first load).
    package var memoryFootprint: Int { guarded.withLock { $0.state?.memoryFootprint ?? 0 } }

    /// The index as of `db`'s snapshot or newer, caught up first if needed. Call inside a read.
    ///
    /// - Parameter generation: the change generation read before `db`'s transaction began, or nil: the
    ///   index then holds at least that generation's commits, and `state(ifHolding:)` may answer for it.
    /// - Throws: what SQLite throws.
    func state(_ db: Database, generation: UInt64? = nil) throws -> SearchIndexState {
        try guarded.withLock { guarded in
            let state = try current(&guarded, db)
            if let generation, guarded.covered.map({ generation > $0 }) ?? true { guarded.covered = generation }
            return state
        }
    }

    /// The index without reading the database, when it holds every commit of `generation` (the current
    /// `PhotoStore.changeGeneration`); nil when it may be behind.
    func state(ifHolding generation: UInt64) -> SearchIndexState? {
        guarded.withLock { guarded in guarded.covered == generation ? guarded.state : nil }
    }

    private func current(_ guarded: inout Guarded, _ db: Database) throws -> SearchIndexState {
        let latest = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM search_changes") ?? 0
        // A newer index than this snapshot holds only committed changes: it is as good an answer.
        if let state = guarded.state, state.version >= latest { return state }
        if var state = guarded.state.take(),
            try catchUp(&state, to: latest, db, limits: guarded.limits)
        {
            guarded.state = state
            return state
        }
        let state = try Self.load(db, version: latest)
        guarded.rebuilds += 1
        guarded.state = state
        return state
    }

    /// Replays the log after `state.version`; false when a full load is needed instead.
    private func catchUp(_ state: inout SearchIndexState, to latest: Int64, _ db: Database, limits: Limits) throws
        -> Bool
    {
        guard latest - state.version <= limits.catchUpChanges,
            let oldest = try Int64.fetchOne(db, sql: "SELECT MIN(seq) FROM search_changes"),
            oldest <= state.version + 1
        else { return false }
        let changed = try Int64.fetchAll(
            db, sql: "SELECT DISTINCT photo_id FROM search_changes WHERE seq > ? ORDER BY photo_id",
            arguments: [state.version])
        for id in changed {
            let row = try Self.photoRow(db, id: id)
            let tags = row == nil ? [] : try Self.tags(db, photo: id)
            guard state.update(id, row: row, tags: tags) else { return false }
        }
        state.version = latest
        return state.deadCount <= max(limits.deadSlots, state.ids.count / 4)
    }

    /// The local date, exactly as `SearchSQL` filters on it, and the rest of what the index keeps.
    private static let photoColumns = """
        SELECT id, status, trashed_at IS NOT NULL,
          COALESCE(taken_at, strftime('%Y-%m-%dT%H:%M:%S', added_at, 'unixepoch', 'localtime'))
        FROM photos
        """

    private static func row(_ row: Row) -> SearchPhotoRow {
        let date: String? = if case .string(let text) = (row[3] as DatabaseValue).storage { text } else { nil }
        return SearchPhotoRow(status: row[1], date: date, trashed: row[2])
    }

    private static func photoRow(_ db: Database, id: Int64) throws -> SearchPhotoRow? {
        try Row.fetchOne(db.cachedStatement(sql: photoColumns + " WHERE id = ?"), arguments: [id]).map(row)
    }

    private static func tags(_ db: Database, photo: Int64) throws -> [(tag: String, confidence: Double)] {
        let statement = try db.cachedStatement(
            sql: "SELECT tag, MAX(confidence) FROM photo_tags WHERE photo_id = ? GROUP BY tag")
        return try Row.fetchAll(statement, arguments: [photo]).map { (tag: $0[0], confidence: $0[1]) }
    }

    /// Every photo and tag of the snapshot, as of log position `version`.
    private static func load(_ db: Database, version: Int64) throws -> SearchIndexState {
        var state = SearchIndexState(version: version)
        let photos = try Row.fetchCursor(db, sql: photoColumns + " ORDER BY id")
        while let photo = try photos.next() { state.append(photo[0], row: row(photo)) }
        // Rows in primary-key order: a photo's rows for one tag (model, manual) are adjacent, and the
        // largest confidence is kept. Cheaper than GROUP BY (sqlite3 at 100,000 photos: 0.18 s against 0.58 s).
        let rows = try Row.fetchCursor(
            db, sql: "SELECT photo_id, tag, confidence FROM photo_tags ORDER BY photo_id, tag")
        var slot = 0
        var pending: (slot: Int, tag: String, confidence: Double)?
        while let row = try rows.next() {
            let photo: Int64 = row[0]
            while slot < state.ids.count && state.ids[slot] < photo { slot += 1 }
            guard slot < state.ids.count, state.ids[slot] == photo else { continue }
            let tag: String = row[1]
            let confidence: Double = row[2]
            if let last = pending, last.slot == slot, SearchTagKey(text: last.tag) == SearchTagKey(text: tag) {
                pending?.confidence = max(last.confidence, confidence)
                continue
            }
            if let last = pending { state.appendPosting(slot: last.slot, tag: last.tag, confidence: last.confidence) }
            pending = (slot, tag, confidence)
        }
        if let last = pending { state.appendPosting(slot: last.slot, tag: last.tag, confidence: last.confidence) }
        state.finishLoad()
        return state
    }
}
