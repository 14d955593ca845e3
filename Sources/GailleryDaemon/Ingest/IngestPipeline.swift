import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

/// The local, durable replacement for the seed's S3 trigger + Lambda: a bounded queue of ingest jobs
/// (mirrored in the `jobs` table) drained by three kinds of dedicated threads:
///
///     jobs ──▶ decode workers (N) ──▶ ready (bounded) ──▶ inference (1) ──▶ classified ──▶ store (1)
///
/// Decode workers read, decode, thumbnail and preprocess one photo each; the inference thread runs
/// whatever tensors are ready (up to the batch size) in one ONNX Runtime call, never waiting to fill
/// a batch; the store thread records results, thumbnails and final statuses of every photo that is
/// ready in one transaction (a write batch), so neither decoding nor inference waits on fsync.
/// A photo that fails in any stage fails alone: it never reaches (or is split out of) a batch. A photo
/// that cannot be stored because the disk is full does not fail: its job is held and tried again
/// (`StorageRetry`) until space is back.
///
/// Threads, not tasks: decoding, inference and fsync are long blocking calls that must not occupy the
/// cooperative pool. The job queue and counters are guarded by `condition`, which is why the class is
/// `@unchecked Sendable`.
package final class IngestPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [JobRecord] = []
    private var waitingHead = 0
    private var running = 0
    private var stopping = false
    private var liveDecoders = 0
    private var liveThreads = 0
    private var held = StorageRetry()
    private let stage: IngestStage
    private let ready: BatchQueue<PreparedPhoto>
    private let classified: BatchQueue<ClassifiedPhoto>

    /// The most photos the store thread records in one transaction.
    static let writeBatchLimit = 64

    /// The bound on waiting + running jobs; uploads beyond it are refused with "busy".
    package let capacity: Int
    /// Number of decode worker threads.
    package let workerCount: Int
    /// The most photos one inference run takes.
    package let batchSize: Int
    /// Nice steps below the daemon's priority for the decode workers and the inference thread.
    private let nice: Int32

    /// A pipeline that runs `stage` on each job with `workers` decode threads; call `start` to launch it.
    /// The batch size comes from the classifier service (`--batch-size`). The decode workers and the
    /// inference thread run `nice` steps below the daemon's other threads; the store thread does not,
    /// since it holds the index's writer, which uploads wait for.
    package init(stage: IngestStage, workers: Int, capacity: Int, nice: Int32 = 0) {
        self.stage = stage
        self.nice = nice
        self.workerCount = max(1, workers)
        self.capacity = max(1, capacity)
        self.batchSize = stage.classifier.batchSize
        // One batch being formed while the previous one runs. Results are small (labels, tags, a
        // thumbnail of a few KiB), and the store thread writes all that are ready in one transaction.
        ready = BatchQueue(capacity: 2 * batchSize)
        classified = BatchQueue(capacity: Self.writeBatchLimit)
    }

    /// Jobs waiting, in a stage, or held until the full disk has room again.
    package var depth: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count - waitingHead + running + held.jobs.count
    }

    /// Jobs held because the disk is full, waiting to be tried again (`StorageRetry`).
    package var heldForSpace: Int {
        condition.lock()
        defer { condition.unlock() }
        return held.jobs.count
    }

    /// Whether another job fits under the capacity.
    package var hasRoom: Bool { depth < capacity }

    /// The shape of the pipeline and its cumulative stage timers, for `daemon.status`.
    package var statistics: DaemonStatus.Pipeline {
        stage.clock.snapshot(
            decodeWorkers: workerCount, batchSize: batchSize, inferenceThreads: stage.classifier.inferenceThreads)
    }

    /// Starts the decode workers, the inference thread and the store thread.
    package func start() {
        condition.lock()
        liveDecoders = workerCount
        liveThreads = workerCount + 2
        condition.unlock()
        for index in 0..<workerCount { spawn("gaillery-decode-\(index)", nice: nice) { self.decodeLoop() } }
        spawn("gaillery-infer", nice: nice) { self.inferenceLoop() }
        spawn("gaillery-store", nice: 0) { self.storeLoop() }
    }

    /// Adds a job whose row is already committed in the `jobs` table.
    package func enqueue(_ job: JobRecord) {
        condition.lock()
        waiting.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Stops taking jobs, lets each decode worker finish the photo in hand, lets inference and storing
    /// finish every photo already decoded, and returns when all threads have exited. Jobs still waiting
    /// stay in the `jobs` table and run at the next start.
    package func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [self] in
                condition.lock()
                stopping = true
                condition.broadcast()
                while liveThreads > 0 { condition.wait() }
                condition.unlock()
                continuation.resume()
            }
        }
    }

    private func spawn(_ name: String, nice: Int32, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            ThreadPriority.lowerCurrentThread(by: nice)
            body()
            self.condition.lock()
            self.liveThreads -= 1
            self.condition.broadcast()
            self.condition.unlock()
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func decodeLoop() {
        while let job = next() {
            switch stage.prepare(job) {
            case .next(let prepared):
                ready.put(prepared)
            case .ended(let ending):
                finished(1)
                if let ending { stage.announce(ending) }
            case .retry:
                retryLater([job])
            }
        }
        condition.lock()
        liveDecoders -= 1
        let last = liveDecoders == 0
        condition.unlock()
        if last { ready.close() }
    }

    private func inferenceLoop() {
        while true {
            let batch = ready.take(upTo: batchSize)
            if batch.isEmpty { break }
            for photo in stage.infer(batch) { classified.put(photo) }
        }
        classified.close()
    }

    private func storeLoop() {
        while true {
            // Every result that is ready goes into one write batch (a group commit): while one batch
            // commits, the next gathers.
            let results = classified.take(upTo: Self.writeBatchLimit)
            if results.isEmpty { break }
            let stored = stage.store(results)
            // Counted out before announced: whoever `photos.wait` wakes sees the queue without them.
            finished(results.count - stored.retry.count, stored: !stored.endings.isEmpty)
            if !stored.retry.isEmpty { retryLater(stored.retry) }
            stored.endings.forEach(stage.announce)
        }
    }

    /// Counts `count` jobs out; `stored` when the index took a write, so space is back.
    private func finished(_ count: Int, stored: Bool = false) {
        condition.lock()
        running -= count
        if stored { held.succeeded() }
        condition.unlock()
    }

    /// Holds `jobs`, which could not be stored because the disk is full, until `StorageRetry` says.
    private func retryLater(_ jobs: [JobRecord]) {
        condition.lock()
        running -= jobs.count
        let wait = held.hold(jobs, now: Date())
        condition.broadcast()
        condition.unlock()
        if let wait {
            stage.logger.warning(
                "the disk holding the data directory is full; the ingest pipeline waits and tries again",
                metadata: ["retry_in_s": "\(wait)", "photos": "\(jobs.map(\.photoID.rawValue))"])
        }
    }

    private func next() -> JobRecord? {
        condition.lock()
        defer { condition.unlock() }
        while !stopping {
            if let due = held.due {
                // Held for a full disk: no new work until the wait is over, then the held jobs first.
                guard let jobs = held.release(now: Date()) else {
                    _ = condition.wait(until: due)
                    continue
                }
                waiting.insert(contentsOf: jobs, at: waitingHead)
            }
            if waitingHead < waiting.count { break }
            condition.wait()
        }
        if stopping { return nil }
        let job = waiting[waitingHead]
        waitingHead += 1
        if waitingHead > 4096, waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
        running += 1
        return job
    }
}
