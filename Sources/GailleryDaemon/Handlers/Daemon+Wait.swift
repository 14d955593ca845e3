import Foundation
import GailleryCore
import GailleryProtocol

extension Daemon {
    /// `photos.wait`: sleeps on `StatusWaiters` until every photo is final or the timeout passes.
    func wait(_ params: PhotosWait.Params) async throws -> PhotosWait.Result {
        let method = PhotosWait.method
        let timeout = params.timeoutMs ?? 30_000
        guard (0...600_000).contains(timeout) else {
            throw RPCError.invalidParams("\(method): params.timeout_ms must be between 0 and 600000, got \(timeout)")
        }
        guard params.ids.count <= 10_000 else {
            throw RPCError.invalidParams("\(method): at most 10000 ids at once, got \(params.ids.count)")
        }
        let ids = try params.ids.map { try Wire.photoID($0, method: method) }
        let deadline = ContinuousClock.now + .milliseconds(timeout)
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
                let items = ids.map { id in
                    PhotosWait.Item(id: id.rawValue, status: statuses[id]!.status.rawValue, error: statuses[id]!.error)
                }
                return PhotosWait.Result(photos: items, complete: complete)
            }
            await waiters.wait(token, until: deadline)
        }
    }
}
