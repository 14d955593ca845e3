import Foundation
import GRDB
import GailleryCore
import Testing

@testable import GailleryStore

/// The ingest pipeline's writes: transient statuses without fsync, final outcomes in one write batch,
/// thumbnails written together.
@Suite final class WriteBatchTests {
    let directory: URL
    let store: PhotoStore

    init() throws {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("batch-\(UUID().uuidString)")
        store = try PhotoStore(directory: directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func ingest(_ text: String) throws -> IngestOutcome {
        let staged = try store.blobs.stage(bytes: Array(text.utf8))
        return try store.ingest(staged, format: .jpeg, name: nil, now: 1)
    }

    func synchronous() throws -> Int {
        try store.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    @Test func transientWritesLeaveTheWriterFullySynchronous() async throws {
        let photo = try ingest("transient")
        let job = try #require(photo.job)
        #expect(try synchronous() == 2)  // FULL
        try store.beginStage(job: job.id, attempt: 1, photo: photo.id, status: .decoding)
        #expect(try synchronous() == 2)
        #expect(try store.pendingJobs().first?.attempts == 1)
        let changed = await withCheckedContinuation { continuation in
            store.passedDecoding(job: job.id, photo: photo.id) {
                continuation.resume(returning: (try? $0.get()) ?? false)
            }
        }
        #expect(changed)
        #expect(try synchronous() == 2)
        #expect(try store.statuses([photo.id])[photo.id]?.status == .classifying)
    }

    @Test func classifyingNeverOverwritesAFinalStatus() async throws {
        let photo = try ingest("final")
        let job = try #require(photo.job)
        try store.finishJobs([
            JobOutcome(job: job.id, photo: photo.id, metadata: nil, labels: nil, tags: [], status: .failed, error: "x")
        ])
        let changed = await withCheckedContinuation { continuation in
            store.passedDecoding(job: job.id, photo: photo.id) {
                continuation.resume(returning: (try? $0.get()) ?? true)
            }
        }
        #expect(!changed)
        #expect(try store.statuses([photo.id])[photo.id]?.status == .failed)
    }

    @Test func oneBatchRecordsEveryOutcome() throws {
        let done = try ingest("done photo")
        let failed = try ingest("failed photo")
        let label = LabelRecord(rank: 1, label: "tabby", wnid: "n02123045", confidence: 0.9, model: "m")
        try store.finishJobs([
            JobOutcome(
                job: try #require(done.job).id, photo: done.id,
                metadata: DecodedMetadata(width: 40, height: 30, orientation: 6, takenAt: "2020-01-02T03:04:05"),
                labels: [label], tags: [(tag: "cat", confidence: 0.9)], status: .done, error: nil),
            JobOutcome(
                job: try #require(failed.job).id, photo: failed.id, metadata: nil, labels: nil, tags: [],
                status: .failed, error: "decoding failed: truncated"),
        ])
        #expect(try store.pendingJobs().isEmpty)
        let statuses = try store.statuses([done.id, failed.id])
        #expect(statuses[done.id]?.status == .done)
        #expect(statuses[failed.id]?.status == .failed)
        #expect(statuses[failed.id]?.error == "decoding failed: truncated")
        #expect(try store.labels(of: done.id) == [label])
        let row = try store.pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT width, height, orientation, taken_at FROM photos WHERE id = ?",
                arguments: [done.id.rawValue])
        }
        let width: Int? = row?["width"]
        let orientation: Int? = row?["orientation"]
        let takenAt: String? = row?["taken_at"]
        #expect(width == 40)
        #expect(orientation == 6)
        #expect(takenAt == "2020-01-02T03:04:05")
        let counts = store.counts()
        #expect(counts.done == 1)
        #expect(counts.failed == 1)
    }

    @Test func aFailingBatchRecordsNothing() throws {
        let photo = try ingest("rolled back")
        let job = try #require(photo.job)
        // A photo id that does not exist breaks the labels' foreign key, so the whole batch rolls back.
        #expect(throws: (any Error).self) {
            try store.finishJobs([
                JobOutcome(
                    job: job.id, photo: photo.id, metadata: nil, labels: nil, tags: [], status: .done, error: nil),
                JobOutcome(
                    job: job.id, photo: PhotoID(999_999), metadata: nil,
                    labels: [LabelRecord(rank: 1, label: "x", wnid: "n0", confidence: 1, model: "m")], tags: [],
                    status: .done, error: nil),
            ])
        }
        #expect(try store.pendingJobs().map(\.id) == [job.id])
        #expect(try store.statuses([photo.id])[photo.id]?.status == .queued)
    }

    @Test func blobsWrittenTogetherAreAllInPlace() throws {
        let files = (0..<5).map { index in
            (
                bytes: Array("thumbnail \(index)".utf8),
                path: store.blobs.thumbnailPath(sha256: String(format: "%02x", index * 40) + "ab")
            )
        }
        try store.blobs.write(files)
        for file in files {
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == Data(file.bytes))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/tmp").isEmpty)
    }
}
