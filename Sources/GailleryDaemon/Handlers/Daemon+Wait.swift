import Foundation
import GailleryCore
import GailleryProtocol

extension Daemon {
    /// `photos.wait`: sleeps until every photo is final or the timeout passes.
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
        let waited = try await ingest.wait(for: ids, until: .now + .milliseconds(timeout))
        let items = waited.photos.map {
            PhotosWait.Item(id: $0.id.rawValue, status: $0.status.rawValue, error: $0.error)
        }
        return PhotosWait.Result(photos: items, complete: waited.complete)
    }
}
