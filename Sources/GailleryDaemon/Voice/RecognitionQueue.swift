import Foundation
import GailleryAudio
import GaillerySpeech

/// Runs recognitions on dedicated threads, one per recognizer of the pool, with a small bounded queue
/// in front: when every recognizer is busy and `capacity` clips already wait, `recognize` throws
/// `RecognitionQueue.Full` instead of queueing more.
///
/// Recognition is long blocking C work (pocketsphinx), so it runs on plain threads, never on the
/// cooperative pool or an event loop. `jobs`, `running` and `stopping` are guarded by `condition`,
/// hence `@unchecked Sendable`.
final class RecognitionQueue: @unchecked Sendable {
    /// Thrown when the queue is full.
    struct Full: Error {}

    /// Thrown to waiting callers when the queue stops.
    struct Stopped: Error {}

    private struct Job {
        var audio: PCMAudio
        var continuation: CheckedContinuation<RecognitionResult, any Error>
    }

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var running = 0
    private var stopping = false
    private let pool: RecognizerPool

    /// Clips allowed to wait beyond the ones being recognized.
    let capacity: Int

    /// Starts one thread per recognizer of `pool`.
    init(pool: RecognizerPool, capacity: Int) {
        self.pool = pool
        self.capacity = max(0, capacity)
        for index in 0..<pool.size {
            let thread = Thread { [self] in work() }
            thread.name = "gaillery-recognizer-\(index)"
            thread.start()
        }
    }

    /// Clips waiting or being recognized.
    var depth: Int { condition.withLock { jobs.count + running } }

    /// Recognizes `audio` on a recognizer thread. `overCapacity` lets one clip in even when the queue is
    /// full (a microphone capture, which the one-capture rule already bounds).
    ///
    /// - Throws: `Full` when the queue is full, `Stopped` when the daemon is stopping, `SpeechError` when
    ///   pocketsphinx fails.
    func recognize(_ audio: PCMAudio, overCapacity: Bool = false) async throws -> RecognitionResult {
        try await withCheckedThrowingContinuation { continuation in
            let refusal: (any Error)? = condition.withLock {
                if stopping { return Stopped() }
                let idle = pool.size - running
                if !overCapacity, jobs.count - idle >= capacity { return Full() }
                jobs.append(Job(audio: audio, continuation: continuation))
                condition.signal()
                return nil
            }
            if let refusal { continuation.resume(throwing: refusal) }
        }
    }

    /// Stops the threads after their current clip; clips still waiting get `Stopped`.
    func stop() {
        let abandoned = condition.withLock { () -> [Job] in
            stopping = true
            condition.broadcast()
            defer { jobs.removeAll() }
            return jobs
        }
        for job in abandoned { job.continuation.resume(throwing: Stopped()) }
    }

    private func work() {
        while let job = next() {
            let result = Result { try pool.recognize(job.audio) }
            condition.withLock { running -= 1 }
            job.continuation.resume(with: result)
        }
    }

    /// The next job (counted as running), or nil once stopping.
    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty, !stopping { condition.wait() }
        guard !stopping else { return nil }
        running += 1
        return jobs.removeFirst()
    }
}
