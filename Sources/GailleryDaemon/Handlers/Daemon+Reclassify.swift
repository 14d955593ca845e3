import Foundation
import GailleryCore
import GailleryProtocol

extension Daemon {
    /// `photos.reclassify`: queues classify jobs; model tags and labels are replaced, manual tags kept.
    func reclassify(_ params: PhotosReclassify.Params) async throws -> PhotosReclassify.Result {
        let method = PhotosReclassify.method
        try refuseWhileStopping(method)
        let ids: [PhotoID]?
        switch (params.ids, params.all) {
        case (let list?, nil), (let list?, false?):
            guard !list.isEmpty, list.count <= 10_000 else {
                throw RPCError.invalidParams("\(method): params.ids must list 1 to 10000 photo ids")
            }
            ids = try list.map { try Wire.photoID($0, method: method) }
        case (nil, true?):
            ids = nil
        default:
            throw RPCError.invalidParams("\(method): pass params.ids (a list of photo ids) or params.all: true")
        }
        let queued = try await ingest.reclassify(ids)
        return PhotosReclassify.Result(queued: queued.queued, model: queued.model)
    }
}
