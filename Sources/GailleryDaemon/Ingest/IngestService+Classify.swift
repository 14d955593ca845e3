import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

extension IngestService {
    /// Queues a classify job for each photo of `ids` (every photo not in the trash when nil) that has
    /// none; model tags and labels are replaced when it runs, manual tags kept.
    ///
    /// - Returns: the number of jobs queued and the model that will run them (nil when not loaded).
    /// - Throws: `RPCError` not found naming the first photo that does not exist; the store's error.
    package func reclassify(_ ids: [PhotoID]?) async throws -> (queued: Int, model: String?) {
        let jobs = try await blocking { [store] in
            if let ids, let missing = ids.first(where: { (try? store.photo($0)) == nil }) {
                throw RPCError.notFound("photo \(missing)")
            }
            return try store.enqueueReclassification(ids, now: Date().timeIntervalSince1970)
        }
        for job in jobs { pipeline.enqueue(job) }
        return (jobs.count, classifier.loaded?.modelID)
    }

    /// Sleeps until every photo of `ids` is done or failed, or until `deadline`.
    ///
    /// - Returns: each photo's status and error in the order of `ids`, and whether all are final.
    /// - Throws: `RPCError` not found naming the first photo that does not exist; the store's error.
    package func wait(
        for ids: [PhotoID], until deadline: ContinuousClock.Instant
    ) async throws -> (photos: [(id: PhotoID, status: PhotoStatus, error: String?)], complete: Bool) {
        while true {
            let token = waiters.register(Set(ids))
            let statuses = try store.statuses(ids)
            if let missing = ids.first(where: { statuses[$0] == nil }) {
                waiters.cancel(token)
                throw RPCError.notFound("photo \(missing)")
            }
            let complete = statuses.values.allSatisfy { $0.status.isFinal }
            if complete || ContinuousClock.now >= deadline {
                waiters.cancel(token)
                return (ids.map { ($0, statuses[$0]!.status, statuses[$0]!.error) }, complete)
            }
            await waiters.wait(token, until: deadline)
        }
    }
}
