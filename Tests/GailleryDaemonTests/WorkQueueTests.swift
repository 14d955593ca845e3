import Foundation
import Testing

@testable import GailleryDaemon

/// The thin shell around `WorkQueueState`: worker threads, a task that waits for room without blocking,
/// cancellation of that wait, and the two shutdowns.
@Suite struct WorkQueueTests {
    @Test func aTaskWaitingForRoomResumesWhenAWorkerCompletes() async {
        let queue = WorkQueue<Int>(capacity: 1)
        #expect(queue.enqueue(1) == .accepted)
        let waiting = Task { await queue.enqueueWhenRoom(2) }
        let done = WorkQueue<Int>(capacity: 10)
        WorkQueue<Int>.startThreads(1, name: "gaillery-test-worker") { _ in
            while let job = queue.take().first {
                queue.complete()
                done.enqueue(job)
            }
            done.close()
        }
        #expect(await waiting.value)
        queue.close()
        var finished: [Int] = []
        while let job = await Task.detached(operation: { done.take().first }).value { finished.append(job) }
        #expect(finished == [1, 2])
        #expect(queue.statistics.completed == 2)
    }

    @Test func aCancelledWaitForRoomReturnsFalse() async {
        let queue = WorkQueue<Int>(capacity: 1)
        queue.enqueue(1)
        let waiting = Task { await queue.waitForRoom() }
        waiting.cancel()
        #expect(await waiting.value == false)
        #expect(queue.depth == 1)
    }

    @Test func stoppingWakesWaitersForRoomAndReturnsTheWaitingJobs() async {
        let queue = WorkQueue<Int>(capacity: 2)
        queue.enqueue(1)
        queue.enqueue(2)
        let waiting = Task { await queue.waitForRoom() }
        #expect(queue.stop() == [1, 2])
        #expect(await waiting.value == false)
        #expect(queue.enqueue(3) == .closed)
    }

    @Test func stoppingEndsIdleWorkers() async {
        let queue = WorkQueue<Int>(capacity: 2)
        let ended = WorkQueue<Int>(capacity: 1)
        WorkQueue<Int>.startThreads(1, name: "gaillery-test-idle") { _ in
            var count = 0
            while !queue.take().isEmpty {
                count += 1
                queue.complete()
            }
            ended.enqueue(count)
        }
        queue.enqueue(1)
        while queue.depth > 0 { try? await Task.sleep(for: .milliseconds(1)) }
        queue.stop()
        #expect(await Task.detached { ended.take() }.value == [1])
    }

    @Test func aBufferBlocksAThreadProducerUntilTheConsumerTakes() async {
        let buffer = WorkQueue<Int>(capacity: 2, bound: .waiting)
        WorkQueue<Int>.startThreads(1, name: "gaillery-test-producer") { _ in
            for value in 0..<100 { buffer.put(value) }
            buffer.close()
        }
        let received = await Task.detached { () -> [Int] in
            var all: [Int] = []
            while case let batch = buffer.take(upTo: 7), !batch.isEmpty {
                #expect(batch.count <= 2)
                all += batch
                buffer.complete(batch.count)
            }
            return all
        }.value
        #expect(received == Array(0..<100))
        #expect(buffer.statistics.peakDepth <= 2)
    }
}
