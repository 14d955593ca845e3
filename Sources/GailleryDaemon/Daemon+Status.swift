import Foundation
import GailleryProtocol

extension Daemon {
    /// `daemon.status`, answered from memory (counts are cached by the store after each commit), so it is
    /// registered as an immediate handler and runs on the event loop.
    func status() -> DaemonStatus.Result {
        let counts = store.counts()
        return DaemonStatus.Result(
            version: Self.version, pid: pid, uptimeS: uptime, socket: socketPath, dataDir: dataDirectoryPath,
            photos: DaemonStatus.Counts(
                total: counts.total, trashed: counts.trashed, queued: counts.queued, processing: counts.processing,
                done: counts.done, failed: counts.failed),
            queue: DaemonStatus.Queue(depth: pipeline.depth, capacity: pipeline.capacity, workers: pipeline.workerCount),
            classifier: classifier.readiness, speech: voice.readiness,
            connections: server.connectionCount, pipeline: pipeline.statistics)
    }
}
