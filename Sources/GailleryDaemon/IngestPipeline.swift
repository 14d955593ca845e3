import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

/// The local, durable replacement for the seed's S3 trigger + Lambda: a bounded queue of ingest jobs
/// (mirrored in the `jobs` table) drained by a pool of dedicated worker threads.
///
/// Workers are plain threads, not tasks: decoding and (later) inference are long blocking C calls that
/// must not occupy the cooperative pool. The queue and counters are guarded by `condition`, which is why
/// the class is `@unchecked Sendable`.
package final class IngestPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [JobRecord] = []
    private var waitingHead = 0
    private var running = 0
    private var stopping = false
    private var liveWorkers = 0
    private let stage: IngestStage

    /// The bound on waiting + running jobs; uploads beyond it are refused with "busy".
    package let capacity: Int
    /// Number of worker threads.
    package let workerCount: Int

    /// A pipeline that runs `stage` on each job; call `start` to launch the workers.
    package init(stage: IngestStage, workers: Int, capacity: Int) {
        self.stage = stage
        self.workerCount = max(1, workers)
        self.capacity = max(1, capacity)
    }

    /// Jobs waiting or running.
    package var depth: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting.count - waitingHead + running
    }

    /// Whether another job fits under the capacity.
    package var hasRoom: Bool { depth < capacity }

    /// Starts the worker threads.
    package func start() {
        condition.lock()
        liveWorkers = workerCount
        condition.unlock()
        for index in 0..<workerCount {
            let thread = Thread { [self] in self.workLoop() }
            thread.name = "gaillery-ingest-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Adds a job whose row is already committed in the `jobs` table.
    package func enqueue(_ job: JobRecord) {
        condition.lock()
        waiting.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Stops taking jobs, lets each worker finish the job in hand, and returns when all have exited.
    /// Jobs still waiting stay in the `jobs` table and run at the next start.
    package func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [self] in
                condition.lock()
                stopping = true
                condition.broadcast()
                while liveWorkers > 0 { condition.wait() }
                condition.unlock()
                continuation.resume()
            }
        }
    }

    private func workLoop() {
        while let job = next() {
            stage.run(job)
            condition.lock()
            running -= 1
            condition.unlock()
        }
        condition.lock()
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func next() -> JobRecord? {
        condition.lock()
        defer { condition.unlock() }
        while !stopping, waitingHead == waiting.count { condition.wait() }
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
