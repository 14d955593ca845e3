import GailleryStore
import Logging

extension Daemon {
    /// Makes the index agree with the originals before anything is served (see `PhotoStore.recover`),
    /// keeps the report for `daemon.status`, and says in the log what was recovered or is missing.
    func recoverLibrary() throws {
        let report = try store.recover()
        recovery.withLockedValue { $0 = report }
        if report.recovered > 0 {
            logger.notice(
                "recovered originals the index did not list; they are queued to be decoded and classified again",
                metadata: [
                    "count": "\(report.recovered)", "without_sidecar": "\(report.recoveredWithoutSidecar)",
                ])
        }
        if report.missingOriginals > 0 {
            logger.warning(
                "photos whose original is missing are marked failed; put the files back and restart to queue them",
                metadata: ["count": "\(report.missingOriginals)"])
        }
        if report.returned > 0 {
            logger.notice(
                "originals that were missing are back; queued again", metadata: ["count": "\(report.returned)"])
        }
        if report.sidecarsWritten > 0 {
            logger.info("wrote sidecars for photos that had none", metadata: ["count": "\(report.sidecarsWritten)"])
        }
        if report.removedDerived > 0 {
            logger.info(
                "removed thumbnails and sidecars whose original and index row are gone",
                metadata: ["count": "\(report.removedDerived)"])
        }
    }
}
