import Foundation
import GailleryStore

/// The ingest jobs held back because the disk holding the data directory is full, and when they are
/// tried again: `initialDelay` seconds after the first failure, the wait doubling after each round that
/// fails again up to `maximumDelay`, and back to `initialDelay` once a write succeeds. While jobs are
/// held, the decode workers take no new ones (they would fail the same way); when the wait is over, the
/// held jobs go first. No photo is failed for a full disk, and no restart is needed once space is back.
///
/// A value type, so that its rules are tested without threads; `IngestPipeline` keeps it under its lock.
struct StorageRetry {
    /// The first wait, in seconds.
    static let initialDelay = 0.5
    /// The longest wait, in seconds: how long a photo may stay held after space is freed.
    static let maximumDelay = 10.0

    /// The jobs held, oldest first.
    private(set) var jobs: [JobRecord] = []
    /// When they are tried again; nil when none are held.
    private(set) var due: Date?
    /// The wait the next hold will get.
    private(set) var delay = Self.initialDelay

    /// Holds `jobs`, which failed because the disk is full. Returns the wait in seconds when this starts
    /// a new hold (for the caller to log once), nil when jobs were already held.
    mutating func hold(_ failed: [JobRecord], now: Date) -> Double? {
        jobs += failed
        guard due == nil else { return nil }
        let wait = delay
        due = now.addingTimeInterval(wait)
        delay = min(delay * 2, Self.maximumDelay)
        return wait
    }

    /// The held jobs, when their wait is over at `now` (they are no longer held then); nil otherwise.
    mutating func release(now: Date) -> [JobRecord]? {
        guard let due, now >= due else { return nil }
        defer {
            jobs = []
            self.due = nil
        }
        return jobs
    }

    /// A write succeeded: space is back, so the next hold starts with the shortest wait again.
    mutating func succeeded() { delay = Self.initialDelay }
}
