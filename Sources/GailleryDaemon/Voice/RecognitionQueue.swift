import Foundation
import GailleryAudio
import GaillerySpeech

/// The one queue in front of the recognizers: a `WorkQueue` drained by one dedicated thread per
/// recognizer of the pool. When every recognizer is busy and `capacity` clips already wait, `recognize`
/// throws `RecognitionQueue.Full` instead of queueing more.
///
/// Recognition is long blocking C work (pocketsphinx or ONNX Runtime), so it runs on plain threads, never on
/// the cooperative pool or an event loop. With exactly one thread per recognizer, a thread always finds a
/// free one (`CommandRecognizers.tryRecognize`): the pool is a set of recognizers, not a second queue.
final class RecognitionQueue: Sendable {
    /// Thrown when the queue is full.
    struct Full: Error {}

    /// Thrown to waiting callers when the queue stops.
    struct Stopped: Error {}

    private struct Job: Sendable {
        var audio: PCMAudio
        var continuation: CheckedContinuation<RecognitionResult, any Error>
    }

    private let queue: WorkQueue<Job>
    private let pool: any CommandRecognizers

    /// Clips allowed to wait beyond the ones being recognized.
    let capacity: Int

    /// Starts one thread per recognizer of `pool`.
    init(pool: any CommandRecognizers, capacity: Int) {
        self.pool = pool
        self.capacity = max(0, capacity)
        queue = WorkQueue(capacity: pool.size + self.capacity)
        WorkQueue<Job>.startThreads(pool.size, name: "gaillery-recognizer") { [queue] _ in
            while let job = queue.take().first {
                let result = Result { try pool.tryRecognize(job.audio) ?? pool.recognize(job.audio) }
                queue.complete()
                job.continuation.resume(with: result)
            }
        }
    }

    /// Clips waiting or being recognized.
    var depth: Int { queue.depth }

    /// The queue's counters.
    var statistics: WorkQueueStatistics { queue.statistics }

    /// Recognizes `audio` on a recognizer thread. `overCapacity` lets one clip in even when the queue is
    /// full (a microphone capture, which the one-capture rule already bounds).
    ///
    /// - Throws: `Full` when the queue is full, `Stopped` when the daemon is stopping, `SpeechError` when
    ///   the recognizer fails.
    func recognize(_ audio: PCMAudio, overCapacity: Bool = false) async throws -> RecognitionResult {
        try await withCheckedThrowingContinuation { continuation in
            switch queue.enqueue(Job(audio: audio, continuation: continuation), overCapacity: overCapacity) {
            case .accepted: break
            case .full: continuation.resume(throwing: Full())
            case .closed: continuation.resume(throwing: Stopped())
            }
        }
    }

    /// Stops the threads after their current clip; clips still waiting get `Stopped`.
    func stop() {
        for job in queue.stop() { job.continuation.resume(throwing: Stopped()) }
    }
}
