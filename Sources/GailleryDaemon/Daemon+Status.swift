import Foundation
import GailleryProtocol
import GailleryStore

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
            queue: ingest.queue, classifier: ingest.classifier.readiness, speech: voice.readiness,
            connections: server.connectionCount, pipeline: ingest.statistics, storage: storage(),
            recovery: recovery.withLockedValue {
                DaemonStatus.Recovery(recovered: $0.recovered, missingOriginals: $0.missingOriginals)
            }, http: httpStatus)
    }

    /// Free space on the disk holding the data directory (one `statvfs`, microseconds), with a warning
    /// under `StorageSpace.lowThreshold`.
    func storage() -> DaemonStatus.Storage? {
        guard let space = StorageSpace(of: dataDirectoryPath) else { return nil }
        let warning =
            space.isLow
            ? "the disk holding \(dataDirectoryPath) has \(Wire.byteCount(space.freeBytes)) free, under "
                + "\(Wire.byteCount(space.lowThreshold)); free space there, or uploads and ingest will stop with "
                + "\"storage full\" (-32010) when it runs out"
            : nil
        return DaemonStatus.Storage(
            freeBytes: space.freeBytes, totalBytes: space.totalBytes, low: space.isLow, warning: warning)
    }
}
