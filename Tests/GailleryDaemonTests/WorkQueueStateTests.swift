import Testing

@testable import GailleryDaemon

/// The bounded work queue's rules, without threads: admission and "full", hand-out in order, room
/// made by completing (or by taking, for a buffer), waiters for room, retries at the front, and the
/// two shutdowns.
@Suite struct WorkQueueStateTests {
    typealias Queue = WorkQueueState<String, Int>

    private func jobs(_ take: Queue.Take) -> [String]? {
        if case .jobs(let jobs) = take { return jobs }
        return nil
    }

    @Test func aFullQueueRefusesUntilAJobCompletes() {
        var queue = Queue(capacity: 2)
        #expect(queue.enqueue("a") == .accepted)
        #expect(queue.enqueue("b") == .accepted)
        #expect(queue.enqueue("c") == .full)
        // Taking does not make room: the job is still in hand until it completes.
        #expect(jobs(queue.take().0) == ["a"])
        #expect(queue.depth == 2 && !queue.hasRoom)
        #expect(queue.enqueue("c") == .full)
        _ = queue.complete()
        #expect(queue.hasRoom)
        #expect(queue.enqueue("c") == .accepted)
        #expect(
            queue.statistics
                == .init(
                    capacity: 2, waiting: 2, running: 0, depth: 2, accepted: 3, refused: 2, completed: 1, peakDepth: 2))
    }

    @Test func overCapacityAdmitsOneMoreThatStillCounts() {
        var queue = Queue(capacity: 1)
        #expect(queue.enqueue("a") == .accepted)
        #expect(queue.enqueue("mic", overCapacity: true) == .accepted)
        #expect(queue.depth == 2)
        #expect(queue.enqueue("b") == .full)
    }

    @Test func workersGetTheOldestJobsUpToTheirLimitAndWaitWhenNoneWait() {
        var queue = Queue(capacity: 10)
        #expect({ if case .wait = queue.take().0 { true } else { false } }())
        for job in ["a", "b", "c"] { _ = queue.enqueue(job) }
        #expect(jobs(queue.take(upTo: 2).0) == ["a", "b"])
        #expect(jobs(queue.take(upTo: 5).0) == ["c"])
        #expect(queue.running == 3 && queue.waiting == 0)
        _ = queue.complete(3)
        #expect(queue.depth == 0)
    }

    @Test func aBufferMakesRoomWhenAJobIsTaken() {
        var queue = Queue(capacity: 1, bound: .waiting)
        #expect(queue.enqueue("a") == .accepted)
        #expect(queue.waitForRoom(id: 1, 10) == .wait)
        let (take, wake) = queue.take()
        #expect(jobs(take) == ["a"])
        #expect(wake == [10])
        #expect(queue.enqueue("b") == .accepted)
    }

    @Test func waitersForRoomAreWokenWhenAJobCompletesUnlessCancelled() {
        var queue = Queue(capacity: 1)
        #expect(queue.waitForRoom(id: 1, 10) == .room)
        _ = queue.enqueue("a")
        #expect(queue.waitForRoom(id: 1, 10) == .wait)
        #expect(queue.waitForRoom(id: 2, 20) == .wait)
        #expect(queue.waitForRoom(id: 3, 30) == .wait)
        #expect(queue.cancelWait(id: 2) == 20)
        #expect(queue.cancelWait(id: 2) == nil)
        _ = queue.take()
        #expect(queue.complete().sorted() == [10, 30])
        #expect(queue.complete(0).isEmpty)
    }

    @Test func aRequeuedJobIsTakenBeforeNewerOnesAndStillCounts() {
        var queue = Queue(capacity: 3)
        _ = queue.enqueue("a")
        _ = queue.enqueue("b")
        #expect(jobs(queue.take().0) == ["a"])
        #expect(queue.requeue(["a"]).isEmpty)
        #expect(queue.depth == 2 && queue.running == 0)
        #expect(jobs(queue.take(upTo: 2).0) == ["a", "b"])
    }

    @Test func closingRefusesNewJobsButHandsOutTheWaitingOnes() {
        var queue = Queue(capacity: 1)
        _ = queue.enqueue("a")
        #expect(queue.waitForRoom(id: 1, 10) == .wait)
        #expect(queue.close() == [10])
        #expect(queue.enqueue("b") == .closed)
        #expect(queue.waitForRoom(id: 2, 20) == .closed)
        #expect(jobs(queue.take().0) == ["a"])
        #expect({ if case .end = queue.take().0 { true } else { false } }())
    }

    @Test func stoppingReturnsTheWaitingJobsAndEndsTheWorkers() {
        var queue = Queue(capacity: 4)
        for job in ["a", "b", "c"] { _ = queue.enqueue(job) }
        #expect(jobs(queue.take().0) == ["a"])
        _ = queue.enqueue("d")
        #expect(queue.waitForRoom(id: 1, 10) == .wait)
        let (abandoned, waiters) = queue.stop()
        #expect(abandoned == ["b", "c", "d"])
        #expect(waiters == [10])
        #expect({ if case .end = queue.take().0 { true } else { false } }())
        #expect(queue.enqueue("e") == .closed)
        // The job in hand finishes and is counted out; a retry after the stop comes back to the caller.
        #expect(queue.requeue(["a"]) == ["a"])
        #expect(queue.depth == 0)
    }

    @Test func theQueueCompactsAsItIsTakenFrom() {
        var queue = Queue(capacity: 5000)
        for index in 0..<3000 { _ = queue.enqueue("\(index)") }
        for index in 0..<2000 { #expect(jobs(queue.take().0) == ["\(index)"]) }
        _ = queue.complete(2000)
        #expect(queue.requeue([]).isEmpty)
        #expect(jobs(queue.take(upTo: 1000).0)?.first == "2000")
        #expect(queue.waiting == 0 && queue.running == 1000)
    }
}
