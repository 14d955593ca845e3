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
/// cooperative pool. The three queues are `WorkQueue`s; the jobs held for a full disk, the stopping flag
/// and the count of live threads are guarded by `gate`, which is why the class is `@unchecked Sendable`.
package final class IngestPipeline: @unchecked Sendable {
    /// The jobs, bounded by `capacity` counting those in a stage or held (they are taken and not yet
    /// completed), so that uploads beyond it are refused and imports wait for room.
    private let jobs: WorkQueue<JobRecord>
    private let gate = NSCondition()
    private var stopping = false
    private var liveDecoders = 0
    private var liveThreads = 0
    private var held = StorageRetry()
    private let stage: IngestStage
    private let ready: WorkQueue<PreparedPhoto>
    private let classified: WorkQueue<ClassifiedPhoto>

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
        jobs = WorkQueue(capacity: self.capacity, bound: .inFlight)
        // One batch being formed while the previous one runs. Results are small (labels, tags, a
        // thumbnail of a few KiB), and the store thread writes all that are ready in one transaction.
        ready = WorkQueue(capacity: 2 * batchSize, bound: .waiting)
        classified = WorkQueue(capacity: Self.writeBatchLimit, bound: .waiting)
    }

    /// Jobs waiting, in a stage, or held until the full disk has room again.
    package var depth: Int { jobs.depth }

    /// Jobs held because the disk is full, waiting to be tried again (`StorageRetry`).
    package var heldForSpace: Int { gate.withLock { held.jobs.count } }

    /// Whether another job fits under the capacity.
    package var hasRoom: Bool { jobs.hasRoom }

    /// Returns once another job fits under the capacity (without blocking a thread), or false when the
    /// pipeline stopped or the task was cancelled first.
    package func waitForRoom() async -> Bool { await jobs.waitForRoom() }

    /// The shape of the pipeline and its cumulative stage timers, for `daemon.status`.
    package var statistics: DaemonStatus.Pipeline {
        stage.clock.snapshot(
            decodeWorkers: workerCount, batchSize: batchSize, inferenceThreads: stage.classifier.inferenceThreads)
    }

    /// Starts the decode workers, the inference thread and the store thread.
    package func start() {
        gate.withLock {
            liveDecoders = workerCount
            liveThreads = workerCount + 2
        }
        for index in 0..<workerCount { spawn("gaillery-decode-\(index)", nice: nice) { self.decodeLoop() } }
        spawn("gaillery-infer", nice: nice) { self.inferenceLoop() }
        spawn("gaillery-store", nice: 0) { self.storeLoop() }
    }

    /// Adds a job whose row is already committed in the `jobs` table. It is never refused: uploads ask
    /// `hasRoom` first, and recovered or reclassified jobs are in the index already.
    package func enqueue(_ job: JobRecord) {
        jobs.enqueue(job, overCapacity: true)
    }

    /// Stops taking jobs, lets each decode worker finish the photo in hand, lets inference and storing
    /// finish every photo already decoded, and returns when all threads have exited. Jobs still waiting
    /// stay in the `jobs` table and run at the next start.
    package func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [self] in
                gate.lock()
                stopping = true
                gate.broadcast()
                gate.unlock()
                jobs.stop()
                gate.lock()
                while liveThreads > 0 { gate.wait() }
                gate.unlock()
                continuation.resume()
            }
        }
    }

    private func spawn(_ name: String, nice: Int32, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            ThreadPriority.lowerCurrentThread(by: nice)
            body()
            self.gate.withLock {
                self.liveThreads -= 1
                self.gate.broadcast()
            }
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func decodeLoop() {
        while waitWhileHeld(), let job = jobs.take().first {
            // Taken while a hold began: back to the front, to go after the held jobs.
            if gate.withLock({ held.due != nil }) {
                _ = jobs.requeue([job])
                continue
            }
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
        let last = gate.withLock {
            liveDecoders -= 1
            return liveDecoders == 0
        }
        if last { ready.close() }
    }

    private func inferenceLoop() {
        while true {
            let batch = ready.take(upTo: batchSize)
            if batch.isEmpty { break }
            ready.complete(batch.count)
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
            classified.complete(results.count)
            let stored = stage.store(results)
            // Counted out before announced: whoever `photos.wait` wakes sees the queue without them.
            finished(results.count - stored.retry.count, stored: !stored.endings.isEmpty)
            if !stored.retry.isEmpty { retryLater(stored.retry) }
            stored.endings.forEach(stage.announce)
        }
    }

    /// Counts `count` jobs out; `stored` when the index took a write, so space is back.
    private func finished(_ count: Int, stored: Bool = false) {
        if stored { gate.withLock { held.succeeded() } }
        jobs.complete(count)
    }

    /// Holds `failed`, which could not be stored because the disk is full, until `StorageRetry` says;
    /// they stay counted against the capacity meanwhile.
    private func retryLater(_ failed: [JobRecord]) {
        let wait = gate.withLock { held.hold(failed, now: Date()) }
        guard let wait else { return }
        // Decode workers may all be parked in `take` on an empty queue: release the held jobs when the
        // wait is over whether or not one of them comes to `waitWhileHeld` first.
        DispatchQueue.global().asyncAfter(deadline: .now() + wait) { [self] in
            gate.withLock {
                guard !stopping, let released = held.release(now: Date().addingTimeInterval(0.05)) else { return }
                _ = jobs.requeue(released)
                gate.broadcast()
            }
        }
        stage.logger.warning(
            "the disk holding the data directory is full; the ingest pipeline waits and tries again",
            metadata: ["retry_in_s": "\(wait)", "photos": "\(failed.map(\.photoID.rawValue))"])
    }

    /// While jobs are held for a full disk, the decode workers take no new ones (they would fail the same
    /// way): this waits until the hold is over, then puts the held jobs back at the front of the queue.
    /// False once the pipeline is stopping.
    private func waitWhileHeld() -> Bool {
        gate.lock()
        defer { gate.unlock() }
        while !stopping, let due = held.due {
            if let released = held.release(now: Date()) {
                _ = jobs.requeue(released)
                gate.broadcast()
                break
            }
            _ = gate.wait(until: due)
        }
        return !stopping
    }
}
