import Foundation
import GailleryProtocol

extension Daemon {
    /// `daemon.status`.
    func status() async throws -> DaemonStatus.Result {
        // A read of one small table: cheaper inline than a hop to the blocking pool.
        let counts = try store.counts()
        return DaemonStatus.Result(
            version: Self.version, pid: getpid(), uptimeS: uptime, socket: configuration.listener.path,
            dataDir: configuration.dataDirectory.path,
            photos: DaemonStatus.Counts(
                total: counts.total, trashed: counts.trashed, queued: counts.queued, processing: counts.processing,
                done: counts.done, failed: counts.failed),
            queue: DaemonStatus.Queue(depth: pipeline.depth, capacity: pipeline.capacity, workers: pipeline.workerCount),
            classifier: classifier.readiness,
            connections: server.connectionCount)
    }
}
