import Foundation
import GRDB
import GailleryCore
import Testing

@testable import GailleryStore

/// The rules of a job's interrupted-attempt count (issue #16, item 4): it counts only runs in which a
/// worker was decoding the photo when the daemon died, so that killing the daemon while good photos wait
/// for inference, or right after a start, never marks them as crash-causing.
@Suite final class JobAttemptsTests {
    let directory: URL
    let store: PhotoStore

    init() throws {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("attempts-\(UUID().uuidString)")
        store = try PhotoStore(directory: directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func ingest(_ text: String) throws -> JobRecord {
        let staged = try store.blobs.stage(bytes: Array(text.utf8))
        return try #require(try store.ingest(staged, format: .jpeg, name: nil, now: 1).job)
    }

    func attempts() throws -> Int? { try store.pendingJobs().first?.attempts }

    func passDecoding(_ job: JobRecord) async throws {
        _ = try await withCheckedThrowingContinuation { continuation in
            store.passedDecoding(job: job.id, photo: job.photoID) { continuation.resume(with: $0) }
        }
    }

    @Test func requeueingAtStartUpCountsNothing() throws {
        _ = try ingest("requeued")
        for _ in 0..<5 { try store.requeueInterrupted() }
        #expect(try attempts() == 0)
    }

    @Test func aStartedDecodeCountsOnceAndAPassedOneNotAtAll() async throws {
        let job = try ingest("decoded")
        try store.beginStage(job: job.id, attempt: job.attempts + 1, photo: job.photoID, status: .decoding)
        // Killed while decoding: counted at the next start.
        try store.requeueInterrupted()
        #expect(try attempts() == 1)
        let loaded = try #require(try store.pendingJobs().first)
        try store.beginStage(job: loaded.id, attempt: loaded.attempts + 1, photo: loaded.photoID, status: .decoding)
        #expect(try attempts() == 2)
        // Decoding passed: whatever kills the daemon now (waiting for inference, storing) is not the photo.
        try await passDecoding(loaded)
        try store.requeueInterrupted()
        #expect(try attempts() == 0)
        #expect(try store.photo(job.photoID)?.status == .queued)
    }

    @Test func retryingWithinOneRunCountsOnce() throws {
        let job = try ingest("retried")
        // A job held for a full disk and tried again in the same run begins again from the same record.
        for _ in 0..<4 {
            try store.beginStage(job: job.id, attempt: job.attempts + 1, photo: job.photoID, status: .decoding)
        }
        #expect(try attempts() == 1)
    }

    @Test func aFinishedPhotoKeepsNoCount() throws {
        let job = try ingest("finished")
        try store.beginStage(job: job.id, attempt: 1, photo: job.photoID, status: .decoding)
        try store.finishJob(job.id, photo: job.photoID, status: .done, error: nil)
        #expect(try store.pendingJobs().isEmpty)
        // A later reclassification starts from zero.
        let again = try store.enqueueReclassification([job.photoID], now: 2)
        #expect(again.map(\.attempts) == [0])
    }
}
