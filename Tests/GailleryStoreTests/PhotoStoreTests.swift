import Foundation
import GRDB
import GailleryCore
import Testing

@testable import GailleryStore

/// The store on a temporary directory: durable ingest, deduplication, trash, counts and recovery.
@Suite final class PhotoStoreTests {
    let directory: URL
    let store: PhotoStore

    init() throws {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("store-\(UUID().uuidString)")
        store = try PhotoStore(directory: directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func ingest(_ text: String, name: String? = nil) throws -> IngestOutcome {
        let staged = try store.blobs.stage(bytes: Array(text.utf8))
        return try store.ingest(staged, format: .jpeg, name: name, now: Date().timeIntervalSince1970)
    }

    @Test func ingestInstallsTheOriginalAndQueuesOneJob() throws {
        let outcome = try ingest("first photo", name: "a.jpg")
        #expect(!outcome.duplicate)
        #expect(outcome.sha256 == SHA256Hasher.hex(of: Data("first photo".utf8)))
        let path = store.blobs.originalPath(sha256: outcome.sha256, fileExtension: "jpg")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("first photo".utf8))
        #expect(try store.pendingJobs().map(\.photoID) == [outcome.id])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/tmp").isEmpty)
    }

    @Test func theSameBytesAreStoredOnce() throws {
        let first = try ingest("same bytes")
        let second = try ingest("same bytes", name: "other.jpg")
        #expect(second.duplicate)
        #expect(second.id == first.id)
        #expect(second.job == nil)
        #expect(store.counts().total == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/tmp").isEmpty)
    }

    @Test func sha256MatchesAKnownVector() {
        #expect(
            SHA256Hasher.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
    }

    @Test func countsFollowEveryChangeExactly() throws {
        var ids: [PhotoID] = []
        for index in 0..<6 { ids.append(try ingest("photo \(index)").id) }
        try store.finishJob(try store.pendingJobs()[0].id, photo: ids[0], status: .done, error: nil)
        try store.finishJob(try store.pendingJobs()[0].id, photo: ids[1], status: .failed, error: "bad")
        try store.beginStage(job: try store.pendingJobs()[0].id, attempt: 1, photo: ids[2], status: .decoding)
        _ = try store.trash(ids[3], now: 1)
        _ = try store.trash(ids[4], now: 2)
        try store.restore(ids[4])
        _ = try store.trash(ids[5], now: 3)
        #expect(store.counts().trashed == 2)
        _ = try store.emptyTrash()
        let counts = store.counts()
        let recount = try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT status, trashed_at IS NOT NULL AS trashed, count(*) AS n FROM photos GROUP BY 1, 2")
        }
        #expect(counts == PhotoCounts(total: 4, trashed: 0, queued: 1, processing: 1, done: 1, failed: 1))
        #expect(counts.total + counts.trashed == recount.reduce(0) { $0 + ($1["n"] as Int) })
    }

    @Test func trashRestoreAndEmptyRemoveFilesOnlyForGood() throws {
        let kept = try ingest("kept")
        let gone = try ingest("gone")
        #expect(try store.trash(gone.id, now: 10) == 10)
        #expect(try store.trash(gone.id, now: 20) == 10)
        #expect(throws: StoreError.self) { try store.restore(kept.id) }
        let removed = try store.emptyTrash()
        #expect(removed.map(\.id) == [gone.id])
        #expect(
            !FileManager.default.fileExists(atPath: store.blobs.originalPath(sha256: gone.sha256, fileExtension: "jpg"))
        )
        #expect(
            FileManager.default.fileExists(atPath: store.blobs.originalPath(sha256: kept.sha256, fileExtension: "jpg")))
        #expect(try store.photo(gone.id) == nil)
        #expect(try store.pendingJobs().map(\.photoID) == [kept.id])
    }

    @Test func listPagesAreStableAndCursorsAreChecked() throws {
        var ids: [PhotoID] = []
        for index in 0..<5 { ids.append(try ingest("list \(index)").id) }
        var seen: [PhotoID] = []
        var cursor: String?
        repeat {
            let (page, next) = try store.list(order: .taken, limit: 2, cursor: cursor)
            seen += page
            cursor = next
        } while cursor != nil
        #expect(seen == ids.reversed())
        #expect(throws: StoreError.self) { try store.list(order: .added, limit: 2, cursor: "bm9wZQ") }
    }

    /// By capture date, newest first (ties by id), then the undated photos newest first; trashed
    /// photos never; every page size walks the same order.
    @Test func listByTakenWalksDatedThenUndatedPhotos() throws {
        let dates: [String?] = [
            "2021-05-01T10:00:00", nil, "2023-01-01T00:00:00", "2021-05-01T10:00:00", nil, "2019-12-31T23:59:59",
            "2023-01-01T00:00:00", nil,
        ]
        var photos: [(id: PhotoID, taken: String?)] = []
        for (index, date) in dates.enumerated() {
            let id = try ingest("taken \(index)").id
            try store.pool.write { db in
                try db.execute(sql: "UPDATE photos SET taken_at = ? WHERE id = ?", arguments: [date, id.rawValue])
            }
            photos.append((id, date))
        }
        let trashed = try ingest("trashed").id
        try store.pool.write { db in
            try db.execute(
                sql: "UPDATE photos SET taken_at = '2022-01-01T00:00:00', trashed_at = 1 WHERE id = ?",
                arguments: [trashed.rawValue])
        }
        let dated = photos.filter { $0.taken != nil }.sorted {
            ($0.taken!, $0.id.rawValue) > ($1.taken!, $1.id.rawValue)
        }
        let undated = photos.filter { $0.taken == nil }.sorted { $0.id.rawValue > $1.id.rawValue }
        let expected = (dated + undated).map(\.id)
        for limit in [1, 2, 3, 5, 8, 20] {
            var seen: [PhotoID] = []
            var cursor: String?
            repeat {
                let (page, next) = try store.list(order: .taken, limit: limit, cursor: cursor)
                #expect(page.count <= limit)
                seen += page
                cursor = next
            } while cursor != nil
            #expect(seen == expected, "limit \(limit)")
        }
    }

    @Test func aCancelledImportStaysCancelled() throws {
        let id = try store.createImport(dir: "/x", recursive: false, now: 1)
        var record = try #require(try store.importJob(id))
        record.state = "cancelled"
        try store.updateImport(record, now: 2)
        record.state = "running"
        record.processed = 5
        try store.updateImport(record, now: 3)
        let saved = try #require(try store.importJob(id))
        #expect(saved.state == "cancelled")
        #expect(saved.processed == 5)
    }

    @Test func interruptedJobsAreRequeued() throws {
        let outcome = try ingest("interrupted")
        try store.beginStage(job: try #require(outcome.job).id, attempt: 1, photo: outcome.id, status: .decoding)
        try store.requeueInterrupted()
        #expect(try store.photo(outcome.id)?.status == .queued)
        #expect(try store.pendingJobs().first?.attempts == 1)
    }
}
