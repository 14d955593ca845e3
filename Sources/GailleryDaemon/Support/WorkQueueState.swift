/// The transitions of a bounded work queue, as a value with no locks and no threads (in the spirit of
/// swift-nio's state machines and GRDB's `Pool`), so that every rule is tested without threads.
/// `WorkQueue` is the thin shell that holds one under a lock and parks threads or tasks on it.
///
/// A job is in flight from `enqueue` until the worker that took it calls `complete` (or, with
/// `Bound.waiting`, until it is taken). `depth` counts the jobs in flight under the bound; `enqueue`
/// refuses a job (`Admission.full`, which callers answer as "busy") once `depth` reaches `capacity`,
/// so the queue never grows without limit. `Waiter` is what a producer waiting for room is resumed
/// through (a continuation in the shell, a number in tests): the transitions that make room return the
/// waiters to wake.
///
/// Shutdown has two forms: `close` takes no more jobs but lets workers drain those waiting (a hand-off
/// between stages), `stop` takes no more and hands the waiting ones back to the caller (who fails them
/// or leaves them for the next start); workers then see `Take.end`.
struct WorkQueueState<Job, Waiter> {
    /// What `capacity` bounds.
    enum Bound: Sendable {
        /// Jobs waiting plus jobs taken and not yet completed: the whole work in hand.
        case inFlight
        /// Only jobs waiting to be taken (a buffer between two stages): taking one makes room.
        case waiting
    }

    /// Whether open, draining or stopped.
    enum Phase: Sendable {
        /// Accepting jobs.
        case open
        /// `close` was called: no new jobs, the waiting ones are still handed out.
        case closed
        /// `stop` was called: no new jobs, none handed out.
        case stopped
    }

    /// The answer to `enqueue`.
    enum Admission: Equatable, Sendable {
        /// Queued; a waiting worker should be woken.
        case accepted
        /// Refused: `depth` has reached `capacity`.
        case full
        /// Refused: the queue is closed or stopped.
        case closed
    }

    /// The answer to `take`.
    enum Take {
        /// Jobs to run, oldest first (at least one).
        case jobs([Job])
        /// Nothing waiting yet: wait and ask again.
        case wait
        /// Nothing waiting and nothing more will come: the worker should exit.
        case end
    }

    /// The answer to `waitForRoom`.
    enum RoomCheck: Equatable, Sendable {
        /// There is room now.
        case room
        /// No room: the waiter was recorded and is returned by the transition that makes room.
        case wait
        /// The queue is closed or stopped: there never will be room.
        case closed
    }

    /// Counters for `daemon.status` and logs (the same for every kind of job).
    typealias Statistics = WorkQueueStatistics

    /// The bound on `depth` (at least 1).
    let capacity: Int
    /// What the bound counts.
    let bound: Bound
    private(set) var phase = Phase.open
    /// Jobs taken and not yet completed.
    private(set) var running = 0
    private var jobs: [Job] = []
    /// Index of the oldest waiting job in `jobs` (taking from the front without shifting every time).
    private var head = 0
    private var roomWaiters: [(id: UInt64, waiter: Waiter)] = []
    private var accepted = 0
    private var refused = 0
    private var completed = 0
    private var peakDepth = 0

    /// An open, empty queue bounded to `capacity` (at least 1) jobs counted as `bound` says.
    init(capacity: Int, bound: Bound = .inFlight) {
        self.capacity = max(1, capacity)
        self.bound = bound
    }

    /// Jobs waiting to be taken.
    var waiting: Int { jobs.count - head }

    /// Jobs counted against `capacity`.
    var depth: Int {
        switch bound {
        case .inFlight: waiting + running
        case .waiting: waiting
        }
    }

    /// Whether `enqueue` would accept a job now.
    var hasRoom: Bool { phase == .open && depth < capacity }

    /// The counters now.
    var statistics: Statistics {
        Statistics(
            capacity: capacity, waiting: waiting, running: running, depth: depth, accepted: accepted,
            refused: refused, completed: completed, peakDepth: peakDepth)
    }

    /// Queues `job` when there is room. `overCapacity` admits it even when full (for work another rule
    /// already bounds, such as the one microphone capture); it still counts against the bound.
    mutating func enqueue(_ job: Job, overCapacity: Bool = false) -> Admission {
        guard phase == .open else { return .closed }
        guard overCapacity || depth < capacity else {
            refused += 1
            return .full
        }
        jobs.append(job)
        accepted += 1
        peakDepth = max(peakDepth, depth)
        return .accepted
    }

    /// Hands up to `limit` (at least 1) of the oldest waiting jobs to a worker, which counts them as
    /// running until `complete`. The waiters returned (with `Bound.waiting`, when taking made room)
    /// should be resumed.
    mutating func take(upTo limit: Int = 1) -> (Take, wake: [Waiter]) {
        if phase == .stopped { return (.end, []) }
        guard waiting > 0 else { return (phase == .closed ? .end : .wait, []) }
        let count = min(max(1, limit), waiting)
        let taken = Array(jobs[head..<(head + count)])
        head += count
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        running += count
        return (.jobs(taken), bound == .waiting ? wakeIfRoom() : [])
    }

    /// Counts `count` taken jobs as done; returns the waiters to resume now that there is room.
    mutating func complete(_ count: Int = 1) -> [Waiter] {
        precondition(count >= 0 && count <= running, "WorkQueueState.complete(\(count)) with \(running) running")
        running -= count
        completed += count
        return bound == .inFlight ? wakeIfRoom() : []
    }

    /// Puts taken jobs back at the front of the queue, to be taken again before newer ones (work that
    /// must be retried later, such as a write refused by a full disk). They stay counted against the
    /// bound. After `stop` they are returned instead, like the other waiting jobs.
    mutating func requeue(_ retried: [Job]) -> [Job] {
        precondition(retried.count <= running, "WorkQueueState.requeue(\(retried.count)) with \(running) running")
        running -= retried.count
        if phase == .stopped { return retried }
        jobs.replaceSubrange(head..<head, with: retried)
        return []
    }

    /// Records `waiter` (under `id`, for `cancelWait`) until there is room, unless there is room now or
    /// never will be.
    mutating func waitForRoom(id: UInt64, _ waiter: Waiter) -> RoomCheck {
        guard phase == .open else { return .closed }
        guard depth >= capacity else { return .room }
        roomWaiters.append((id, waiter))
        return .wait
    }

    /// Forgets the waiter recorded under `id` (its task was cancelled) and returns it; nil when it was
    /// already woken.
    mutating func cancelWait(id: UInt64) -> Waiter? {
        guard let index = roomWaiters.firstIndex(where: { $0.id == id }) else { return nil }
        return roomWaiters.remove(at: index).waiter
    }

    /// Takes no more jobs; workers still get the waiting ones, then `Take.end`. Returns the waiters for
    /// room, to be resumed with "closed".
    mutating func close() -> [Waiter] {
        if phase == .open { phase = .closed }
        return drainWaiters()
    }

    /// Takes no more jobs and hands none out: returns the waiting jobs (for the caller to fail or keep
    /// for later) and the waiters for room, to be resumed with "closed". Running jobs finish; their
    /// `complete` still counts them out.
    mutating func stop() -> (abandoned: [Job], waiters: [Waiter]) {
        phase = .stopped
        let abandoned = Array(jobs[head...])
        jobs.removeAll()
        head = 0
        return (abandoned, drainWaiters())
    }

    /// Every waiter for room, when there is room now.
    private mutating func wakeIfRoom() -> [Waiter] {
        // All of them, not one per free place: a woken producer does not reserve a place, so one that
        // gives up must not leave another asleep while there is room.
        guard depth < capacity, !roomWaiters.isEmpty else { return [] }
        return drainWaiters()
    }

    private mutating func drainWaiters() -> [Waiter] {
        defer { roomWaiters.removeAll() }
        return roomWaiters.map(\.waiter)
    }
}

/// A bounded work queue's counters, for `daemon.status` and logs (see `WorkQueueState`).
struct WorkQueueStatistics: Equatable, Sendable {
    /// The bound on `depth`.
    var capacity: Int
    /// Jobs waiting to be taken.
    var waiting: Int
    /// Jobs taken and not yet completed.
    var running: Int
    /// Jobs counted against the bound (see `Bound`).
    var depth: Int
    /// Jobs accepted since the start.
    var accepted: Int
    /// Jobs refused as full since the start.
    var refused: Int
    /// Jobs completed since the start.
    var completed: Int
    /// The highest `depth` reached.
    var peakDepth: Int
}
