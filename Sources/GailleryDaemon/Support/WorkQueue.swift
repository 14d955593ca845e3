import Foundation

/// A bounded queue of jobs between producers and worker threads: the rules live in `WorkQueueState`,
/// and this class only holds that value under a lock and parks whoever has to wait.
///
/// Workers are dedicated threads (`take` blocks), because the work behind every queue of the daemon
/// is long blocking C (decoding, inference, fsync, pocketsphinx) that must stay off the cooperative
/// pool. Producers choose: `enqueue` answers at once (full → the caller says "busy"), `waitForRoom`
/// suspends a task without blocking a thread until there is room, and `put` blocks a producer thread
/// (back-pressure between two stages that are threads themselves).
///
/// `@unchecked Sendable`: `state`, `nextWaiterID` and `unrecorded` are only touched with `condition` locked.
final class WorkQueue<Job: Sendable>: @unchecked Sendable {
    /// The shape of the state machine this queue runs.
    typealias State = WorkQueueState<Job, CheckedContinuation<Bool, Never>>

    private let condition = NSCondition()
    private var state: State
    private var nextWaiterID: UInt64 = 0
    /// Waiters numbered but not yet recorded in the state, and whether their task was cancelled meanwhile.
    private var unrecorded: [UInt64: Bool] = [:]

    /// An open queue holding at most `capacity` (at least 1) jobs counted as `bound` says.
    init(capacity: Int, bound: State.Bound = .inFlight) {
        state = State(capacity: capacity, bound: bound)
        self.capacity = state.capacity
    }

    /// The bound on `depth`.
    let capacity: Int

    /// Jobs counted against the bound (waiting, plus running with `Bound.inFlight`).
    var depth: Int { locked { $0.depth } }

    /// Whether `enqueue` would accept a job now.
    var hasRoom: Bool { locked { $0.hasRoom } }

    /// The counters now.
    var statistics: State.Statistics { locked { $0.statistics } }

    /// Queues `job` without waiting; `.full` or `.closed` when it was refused.
    @discardableResult
    func enqueue(_ job: Job, overCapacity: Bool = false) -> State.Admission {
        changing { $0.enqueue(job, overCapacity: overCapacity) }
    }

    /// Queues `job`, blocking the calling thread while the queue is full; false when it is closed or
    /// stopped. For producers that are threads; tasks use `waitForRoom`.
    @discardableResult
    func put(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while true {
            switch state.enqueue(job) {
            case .accepted:
                condition.broadcast()
                return true
            case .closed: return false
            case .full: condition.wait()
            }
        }
    }

    /// Suspends (without blocking a thread) until the queue has room; false when it is closed or stopped
    /// first, or the task is cancelled. Room is not reserved: `enqueue` may still find it full when
    /// several producers wait.
    func waitForRoom() async -> Bool {
        let id = condition.withLock {
            nextWaiterID += 1
            unrecorded[nextWaiterID] = false
            return nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let check = condition.withLock { () -> State.RoomCheck in
                    // Cancelled before the waiter was recorded: `onCancel` found nothing to resume.
                    if unrecorded.removeValue(forKey: id) == true { return .closed }
                    return state.waitForRoom(id: id, continuation)
                }
                switch check {
                case .room: continuation.resume(returning: true)
                case .closed: continuation.resume(returning: false)
                case .wait: break
                }
            }
        } onCancel: {
            let waiter = condition.withLock { () -> CheckedContinuation<Bool, Never>? in
                if unrecorded[id] != nil {
                    unrecorded[id] = true
                    return nil
                }
                return state.cancelWait(id: id)
            }
            waiter?.resume(returning: false)
        }
    }

    /// Queues `job`, suspending (without blocking a thread) while the queue is full; false when it is
    /// closed or stopped first, or the task is cancelled.
    func enqueueWhenRoom(_ job: Job) async -> Bool {
        while true {
            switch enqueue(job) {
            case .accepted: return true
            case .closed: return false
            case .full: guard await waitForRoom() else { return false }
            }
        }
    }

    /// The oldest waiting jobs, at most `limit`, blocking while none wait; an empty result means the
    /// queue was closed and drained, or stopped: the worker should exit. Call `complete` for each job
    /// taken (with `Bound.inFlight` they count against the bound until then).
    func take(upTo limit: Int = 1) -> [Job] {
        take(upTo: limit, deadline: nil) ?? []
    }

    /// Like `take`, but waits no later than `deadline`: nil when it passed with nothing to take.
    func take(upTo limit: Int = 1, until deadline: Date) -> [Job]? {
        take(upTo: limit, deadline: Optional(deadline))
    }

    private func take(upTo limit: Int, deadline: Date?) -> [Job]? {
        condition.lock()
        while true {
            let (take, wake) = state.take(upTo: limit)
            switch take {
            case .jobs(let jobs):
                if !wake.isEmpty { condition.broadcast() }
                condition.unlock()
                for waiter in wake { waiter.resume(returning: true) }
                return jobs
            case .end:
                condition.unlock()
                return []
            case .wait:
                if let deadline {
                    guard condition.wait(until: deadline) else {
                        condition.unlock()
                        return nil
                    }
                } else {
                    condition.wait()
                }
            }
        }
    }

    /// Counts `count` taken jobs as done, making room.
    func complete(_ count: Int = 1) {
        let wake = changing { $0.complete(count) }
        for waiter in wake { waiter.resume(returning: true) }
    }

    /// Puts taken jobs back at the front, to be taken before newer ones (see `WorkQueueState.requeue`);
    /// returns them instead when the queue has stopped.
    func requeue(_ jobs: [Job]) -> [Job] {
        changing { $0.requeue(jobs) }
    }

    /// Takes no more jobs; workers drain the waiting ones, then `take` returns empty.
    func close() {
        let waiters = changing { $0.close() }
        for waiter in waiters { waiter.resume(returning: false) }
    }

    /// Takes no more jobs and hands out none; returns the waiting ones. Running jobs finish.
    @discardableResult
    func stop() -> [Job] {
        let (abandoned, waiters) = changing { $0.stop() }
        for waiter in waiters { waiter.resume(returning: false) }
        return abandoned
    }

    /// Starts `count` dedicated threads named `name-0`, `name-1`, … each running `body` with its index
    /// (typically a loop over `take` that returns when it comes back empty).
    static func startThreads(
        _ count: Int, name: String, stackSize: Int? = nil, _ body: @escaping @Sendable (Int) -> Void
    ) {
        for index in 0..<count {
            let thread = Thread { body(index) }
            thread.name = "\(name)-\(index)"
            if let stackSize { thread.stackSize = stackSize }
            thread.start()
        }
    }

    /// Reads the state with the lock held.
    private func locked<T>(_ body: (State) -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body(state)
    }

    /// Changes the state with the lock held, waking every parked thread afterwards (the change may have
    /// made room or work; the few threads of a queue re-check and park again).
    private func changing<T>(_ body: (inout State) -> T) -> T {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body(&state)
    }
}
