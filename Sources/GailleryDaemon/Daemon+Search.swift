import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

extension Daemon {
    /// `photos.search`: parse the query (errors say where), run it, return photos best first. Blocking
    /// (database reads): registered to run on the blocking pool.
    func search(_ params: PhotosSearch.Params) throws -> PhotoPage {
        let method = PhotosSearch.method
        let limit = try Wire.limit(params.limit, default: 50, maximum: 1000, method: method)
        let minConfidence = params.minConfidence ?? 0.1
        guard (0...1).contains(minConfidence) else {
            throw RPCError.invalidParams("\(method): params.min_confidence must be between 0 and 1, got \(minConfidence)")
        }
        let query: TagQuery
        do {
            query = try TagQuery(parsing: params.query)
        } catch {
            throw RPCError(
                .querySyntax, "\(method): \(error.message) (query: \(params.query))",
                data: .object(["column": .int(Int64(error.column))]))
        }
        do {
            let page = try store.search(query, minConfidence: minConfidence, limit: limit, cursor: params.cursor)
            let records = try store.photos(page.hits.map(\.id))
            let scores = Dictionary(page.hits.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
            let photos = records.map { record -> PhotoInfo in
                var info = Wire.info(record)
                info.score = scores[record.id]
                return info
            }
            return PhotoPage(photos: photos, nextCursor: page.nextCursor)
        } catch {
            throw Wire.error(error, method: method)
        }
    }

    /// `tags.list`. Blocking (a database read): registered to run on the blocking pool.
    func tagsList(_ params: TagsList.Params) throws -> TagsList.Result {
        let limit = try Wire.limit(params.limit, default: 100, maximum: 10_000, method: TagsList.method)
        let tags = try store.tagsList(prefix: params.prefix, limit: limit)
        return TagsList.Result(tags: tags.map { TagsList.TagCount(tag: $0.tag, count: $0.count) })
    }
}
