import Foundation
import GailleryCore
import Testing

@testable import GailleryStore

/// `observeTagChanges`: reported after commits that change tags or photos, not after reads or
/// rollbacks, and no longer once cancelled.
@Suite struct TagChangesTests {
    struct Abort: Error {}

    /// A counter the observer bumps from the writer's queue.
    final class Counter: @unchecked Sendable {
        // @unchecked: `count` is only touched while `lock` is held.
        private let lock = NSLock()
        private var count = 0
        func bump() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
        "tagchanges-\(UUID().uuidString)")

    @Test func reportsCommittedTagChangesUntilCancelled() throws {
        let store = try PhotoStore(directory: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reports = Counter()
        let observation = store.observeTagChanges { reports.bump() }
        let staged = try store.blobs.stage(bytes: Array("photo".utf8))
        let id = try store.ingest(staged, format: .png, name: nil, now: 1).id
        let afterIngest = reports.value
        #expect(afterIngest >= 1)

        _ = try store.tagsList(prefix: nil, limit: 10)
        #expect(reports.value == afterIngest, "a read is not a change")
        #expect(throws: Abort.self) {
            try store.pool.write { db in
                try db.execute(sql: "DELETE FROM photo_tags")
                try db.execute(sql: "UPDATE photos SET status = 'failed'")
                throw Abort()
            }
        }
        #expect(reports.value == afterIngest, "a rolled-back write is not a change")

        _ = try store.editManualTags(id, add: ["giraffe"], remove: [])
        let afterTag = reports.value
        #expect(afterTag > afterIngest)

        observation.cancel()
        _ = try store.editManualTags(id, add: ["zebra"], remove: [])
        #expect(reports.value == afterTag, "no reports after cancel")
    }
}
