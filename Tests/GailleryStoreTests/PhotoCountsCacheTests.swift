import Foundation
import GRDB
import GailleryCore
import Testing

@testable import GailleryStore

/// The in-memory photo counts: current after each commit, unchanged by a rollback, reloaded on open.
@Suite final class PhotoCountsCacheTests {
    struct Abort: Error {}

    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("counts-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: directory) }

    func ingest(_ store: PhotoStore, _ text: String) throws -> PhotoID {
        let staged = try store.blobs.stage(bytes: Array(text.utf8))
        return try store.ingest(staged, format: .png, name: nil, now: 1).id
    }

    @Test func followsCommitsIgnoresRollbacksAndSurvivesReopening() throws {
        let store = try PhotoStore(directory: directory)
        let first = try ingest(store, "one")
        _ = try ingest(store, "two")
        #expect(store.counts() == PhotoCounts(total: 2, trashed: 0, queued: 2, processing: 0, done: 0, failed: 0))
        try store.setStatus(first, .done)
        #expect(store.counts().done == 1)
        #expect(throws: Abort.self) {
            try store.pool.write { db in
                try db.execute(sql: "UPDATE photos SET status = 'failed'")
                throw Abort()
            }
        }
        #expect(store.counts() == PhotoCounts(total: 2, trashed: 0, queued: 1, processing: 0, done: 1, failed: 0))
        let reopened = try PhotoStore(directory: directory)
        #expect(reopened.counts() == store.counts())
    }
}
