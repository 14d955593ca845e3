import Foundation
import GailleryCore
import GailleryStore
import Testing

@testable import GailleryDaemon

/// The rules by which ingest jobs held for a full disk are tried again (no threads, no clock).
@Suite struct StorageRetryTests {
    func job(_ id: Int64) -> JobRecord { JobRecord(id: id, photoID: PhotoID(id), kind: "ingest", attempts: 0) }

    let start = Date(timeIntervalSince1970: 1000)

    @Test func heldJobsWaitThenComeBackTogetherInOrder() {
        var retry = StorageRetry()
        #expect(retry.hold([job(1)], now: start) == StorageRetry.initialDelay)
        // Jobs failing while the first wait runs join it; the wait is logged once.
        #expect(retry.hold([job(2), job(3)], now: start.addingTimeInterval(0.1)) == nil)
        #expect(retry.release(now: start.addingTimeInterval(StorageRetry.initialDelay / 2)) == nil)
        let released = retry.release(now: start.addingTimeInterval(StorageRetry.initialDelay)) ?? []
        #expect(released.map(\.id) == [1, 2, 3])
        #expect(retry.jobs.isEmpty)
        #expect(retry.due == nil)
    }

    @Test func theWaitDoublesUpToItsBoundAndResetsOnceAWriteSucceeds() {
        var retry = StorageRetry()
        var now = start
        var waits: [Double] = []
        for _ in 0..<8 {
            waits.append(retry.hold([job(1)], now: now) ?? -1)
            now = retry.due!
            _ = retry.release(now: now)
        }
        #expect(waits == [0.5, 1, 2, 4, 8, 10, 10, 10])
        retry.succeeded()
        #expect(retry.hold([job(1)], now: now) == StorageRetry.initialDelay)
    }
}
