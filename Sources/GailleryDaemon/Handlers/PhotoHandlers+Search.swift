import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

extension PhotoHandlers {
    /// A `photos.search` request, checked.
    struct SearchRequest {
        var query: SearchQuery
        var limit: Int
        var minConfidence: Double
        var cursor: String?
        /// Rows carry paths and top tags (`fullPage`).
        var full: Bool

        /// - Throws: `RPCError` for a bad limit, confidence or query (the query error says where).
        init(_ params: PhotosSearch.Params, queries: QueryCache) throws {
            limit = try Wire.limit(params.limit, default: 50, maximum: 1000)
            minConfidence = params.minConfidence ?? 0.1
            guard (0...1).contains(minConfidence) else {
                throw RPCError.invalidParams("params.min_confidence must be between 0 and 1, got \(minConfidence)")
            }
            do {
                query = try queries.query(params.query)
            } catch {
                throw RPCError(
                    .querySyntax, "\(error.message) (query: \(params.query))",
                    data: .object(["column": .int(Int64(error.column))]))
            }
            cursor = params.cursor
            full = params.full ?? false
        }
    }

    /// `photos.search` from memory, on the event loop: the search index and the photos' rendered
    /// summaries (`summaries`) when both are current and the query is cheap (`searchCostLimit`); nil
    /// otherwise (and always for `full` rows), and `search` runs on the pool.
    func searchFromMemory(_ params: PhotosSearch.Params) throws -> EncodedJSON? {
        let request = try SearchRequest(params, queries: queries)
        // Full rows read paths and tags from the database: that is the pool's work.
        if request.full { return nil }
        let generation = store.changeGeneration
        let page = try store.searchInMemory(
            request.query, minConfidence: request.minConfidence, limit: request.limit, cursor: request.cursor,
            generation: generation, maximumCost: PhotoStore.searchCostLimit)
        guard let page, let rendered = summaries.cached(page.hits.map(\.id), generation: generation) else { return nil }
        return try Wire.searchPage(
            zip(page.hits, rendered).map { (hit: $0, rendered: $1) }, nextCursor: page.nextCursor)
    }

    /// `photos.search`: parse the query (errors say where), run it, return photos best first, after
    /// `searchFromMemory`. The page comes from the in-memory index when it is current, whatever the
    /// query's cost, else after catching it up; the summaries from `summaries`, which reads only the photos
    /// it does not hold. So each search runs the index at most once here.
    func search(_ params: PhotosSearch.Params) throws -> EncodedJSON {
        let request = try SearchRequest(params, queries: queries)
        let page =
            try store.searchInMemory(
                request.query, minConfidence: request.minConfidence, limit: request.limit,
                cursor: request.cursor, generation: store.changeGeneration)
            ?? store.search(
                request.query, minConfidence: request.minConfidence, limit: request.limit, cursor: request.cursor)
        if request.full {
            return try fullPage(
                page.hits.map { (id: $0.id, score: $0.score) }, minConfidence: request.minConfidence,
                nextCursor: page.nextCursor)
        }
        // `load` leaves out photos deleted since the search, keeping the others' order.
        var rendered = try summaries.load(page.hits.map(\.id))[...]
        let items = page.hits.compactMap { hit -> (hit: SearchHit, rendered: [UInt8])? in
            guard let next = rendered.first, next.id == hit.id else { return nil }
            return (hit, rendered.removeFirst().rendered)
        }
        return try Wire.searchPage(items, nextCursor: page.nextCursor)
    }

    /// `tags.list`.
    func tagsList(_ params: TagsList.Params) throws -> TagsList.Result {
        let limit = try Wire.limit(params.limit, default: 100, maximum: 10_000)
        let tags = try store.tagsList(prefix: params.prefix, limit: limit, first: everydayTags)
        return TagsList.Result(tags: tags.map { TagsList.TagCount(tag: $0.tag, count: $0.count) })
    }
}
