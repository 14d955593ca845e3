import Foundation
import GailleryCore
import GailleryProtocol
import GailleryRPC
import GailleryStore

extension PhotoHandlers {
    /// Adds `photos.similar` and `photos.duplicates` to `router`.
    func registerSimilar(on router: inout RPCRouter) {
        router.registerBlocking(PhotosSimilar.self, on: pool, encoded: { params, _ in try similar(params) })
        router.registerBlocking(PhotosDuplicates.self, on: pool) { params, _ in try duplicates(params) }
    }

    /// `photos.similar`: the nearest photos from the similarity index, as a page of list rows with scores.
    func similar(_ params: PhotosSimilar.Params) throws -> EncodedJSON {
        let id = try Wire.photoID(params.id)
        let limit = try Wire.limit(params.limit, default: 20, maximum: 1000)
        switch try store.similar(to: id, limit: limit) {
        case .unknownPhoto:
            throw RPCError.notFound("photo \(id)")
        case .notClassified(let status):
            throw RPCError(
                .conflict,
                "photo \(id) has no embedding yet (status \(status.rawValue)): "
                    + (status == .done || status == .failed
                        ? "it was classified before embeddings were kept, or failed; reclassify it "
                            + "(photos.reclassify {\"ids\": [\(id)]}) and ask again once it is done"
                        : "it is still in the pipeline; wait for it (`gaillery wait \(id)`) and ask again"))
        case .neighbours(let found):
            // `load` leaves out photos deleted since the scan, keeping the others' order.
            var rendered = try summaries.load(found.map { PhotoID($0.id) })[...]
            var items: [(rendered: [UInt8], score: Double?)] = []
            for hit in found {
                guard let next = rendered.first, next.id.rawValue == hit.id else { continue }
                items.append((rendered.removeFirst().rendered, (hit.score * 10_000).rounded() / 10_000))
            }
            return try Wire.photoPage(items, nextCursor: nil)
        }
    }

    /// `photos.duplicates`: near-duplicate groups with each photo's list form.
    func duplicates(_ params: PhotosDuplicates.Params) throws -> PhotosDuplicates.Result {
        let standard = DuplicateFinder.standard
        let distance = params.maxHashDistance ?? standard.maxHashDistance
        guard (0...32).contains(distance) else {
            throw RPCError.invalidParams("params.max_hash_distance must be between 0 and 32, got \(distance)")
        }
        let similarity = params.minSimilarity ?? standard.minSimilarity
        guard (-1...1).contains(similarity) else {
            throw RPCError.invalidParams("params.min_similarity must be between -1 and 1, got \(similarity)")
        }
        let limit = try Wire.limit(params.limit, default: 100, maximum: 1000)
        let groups = try store.duplicates(maxHashDistance: distance, minSimilarity: similarity)
        let shown = groups.prefix(limit)
        let wanted: [PhotoID] = shown.flatMap { group in group.ids.map { PhotoID($0) } }
        var byID: [Int64: PhotoRecord] = [:]
        for record in try store.photos(wanted) { byID[record.id.rawValue] = record }
        return PhotosDuplicates.Result(
            groups: shown.compactMap { group in
                let photos = group.ids.compactMap { byID[$0] }.map(Wire.info)
                // A photo deleted since the scan leaves a group of one: no longer a duplicate.
                guard photos.count > 1 else { return nil }
                return PhotosDuplicates.Group(
                    photos: photos, maxHashDistance: group.maxHashDistance,
                    minSimilarity: (group.minSimilarity * 10_000).rounded() / 10_000)
            }, total: groups.count)
    }
}
