import GRDB
import GailleryCore

/// One photo found by `PhotoStore.search`.
package struct SearchHit: Hashable, Sendable {
    /// The photo.
    package var id: PhotoID
    /// The sum of the photo's best confidence (0...1; manual tags count 1) over the query's positive
    /// tags; 0 for queries without a positive tag.
    package var score: Double

    /// Creates a hit.
    package init(id: PhotoID, score: Double) {
        self.id = id
        self.score = score
    }
}

/// One page of search results, best first.
package struct SearchPage: Hashable, Sendable {
    /// The hits on this page, by score descending, then id descending.
    package var hits: [SearchHit]
    /// Pass to `search` to get the next page; `nil` when this is the last page.
    package var nextCursor: String?

    /// Creates a page.
    package init(hits: [SearchHit], nextCursor: String?) {
        self.hits = hits
        self.nextCursor = nextCursor
    }
}

extension PhotoStore {
    /// The `min_confidence` to use when a caller gives none: model tags below it are ignored by search
    /// and by `tagsList` (manual tags always count).
    package static let defaultMinConfidence = 0.1

    /// A `searchInMemory` cost (postings and slots visited) of about 50 µs on this machine's cores:
    /// `photos.search` answers on an event loop only below it (a `dog beach` page at 10,000 photos is
    /// about 11,000; at 100,000, about 110,000, and goes to the thread pool).
    package static let searchCostLimit = 40_000

    /// The largest page `search` returns.
    package static let maximumSearchLimit = 1000

    /// Finds the non-trashed photos that match `query`, best first.
    ///
    /// A photo has a tag when a row for it has `confidence >= minConfidence` (manual tags are stored
    /// with confidence 1). Hits are ordered by score (see `SearchHit.score`) descending, then id
    /// descending; a query without a positive tag (`-cat`, `status:failed`) orders by id descending.
    /// Date filters compare `taken_at`, or `added_at` in local time when the capture date is unknown.
    /// The in-memory `SearchIndex` answers, after replaying the changes committed since it last did
    /// (cost: one pass over the query tags' postings and word operations over one bit per photo).
    ///
    /// - Parameters:
    ///   - minConfidence: 0...1.
    ///   - limit: 1...`maximumSearchLimit` hits per page.
    ///   - cursor: `nextCursor` of the previous page of the same query, or `nil` for the first page.
    ///   - strategy: `.indexed`, or `.straightforward` for one SQL statement (the reference for tests
    ///     and the baseline for benchmarks); both return the same pages.
    /// - Throws: `StoreError.invalid` for a bad limit, confidence or cursor (malformed, or from another
    ///   query); `StoreError.database` when SQLite fails.
    package func search(
        _ query: SearchQuery, minConfidence: Double, limit: Int, cursor: String?, strategy: SearchStrategy = .indexed
    ) throws -> SearchPage {
        let (fingerprint, after) = try Self.checkSearch(
            query, minConfidence: minConfidence, limit: limit, cursor: cursor)
        let generation = changeGeneration
        var hits: [SearchHit]
        do {
            hits = try pool.read { db in
                if strategy == .indexed,
                    let hits = try searchIndex.state(db, generation: generation).hits(
                        query, minConfidence: minConfidence, after: after, limit: limit + 1)
                {
                    return hits
                }
                let statement = SearchSQL(
                    query: query.query, minConfidence: minConfidence, after: after, limit: limit + 1)
                let rows = try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: statement.arguments)
                var hits: [SearchHit] = []
                while let row = try rows.next() {
                    hits.append(SearchHit(id: PhotoID(row[0] as Int64), score: row[1] as Double))
                }
                return hits
            }
        } catch {
            throw StoreError.database("searching for \(query.query.queryText)", error)
        }
        return Self.page(hits, limit: limit, fingerprint: fingerprint)
    }

    /// `search` answered from memory alone, without a database read (so it may run on an event loop):
    /// nil when the in-memory index may be behind `generation` (a write committed since the last
    /// `search` caught it up) or can't answer the query exactly. When it answers, the page is the one
    /// `search` would return.
    ///
    /// - Parameters:
    ///   - generation: `changeGeneration`, read by the caller (who may check other in-memory answers
    ///     against the same value).
    ///   - maximumCost: nil, or the most work to do here (see `searchCostLimit`): a costlier query is
    ///     declined (nil), for the caller to run where a long computation harms no one.
    /// - Throws: as `search`, for a bad limit, confidence or cursor.
    package func searchInMemory(
        _ query: SearchQuery, minConfidence: Double, limit: Int, cursor: String?, generation: UInt64,
        maximumCost: Int? = nil
    ) throws -> SearchPage? {
        let (fingerprint, after) = try Self.checkSearch(
            query, minConfidence: minConfidence, limit: limit, cursor: cursor)
        guard let state = searchIndex.state(ifHolding: generation),
            maximumCost.map({ state.cost(of: query) <= $0 }) ?? true,
            let hits = state.hits(query, minConfidence: minConfidence, after: after, limit: limit + 1)
        else { return nil }
        return Self.page(hits, limit: limit, fingerprint: fingerprint)
    }

    /// `search` of a query prepared for this call alone.
    package func search(
        _ query: TagQuery, minConfidence: Double, limit: Int, cursor: String?, strategy: SearchStrategy = .indexed
    ) throws -> SearchPage {
        try search(SearchQuery(query), minConfidence: minConfidence, limit: limit, cursor: cursor, strategy: strategy)
    }

    /// `searchInMemory` of a query prepared for this call alone.
    package func searchInMemory(
        _ query: TagQuery, minConfidence: Double, limit: Int, cursor: String?, generation: UInt64,
        maximumCost: Int? = nil
    ) throws -> SearchPage? {
        try searchInMemory(
            SearchQuery(query), minConfidence: minConfidence, limit: limit, cursor: cursor, generation: generation,
            maximumCost: maximumCost)
    }

    /// Checks a search's arguments; returns the query's cursor fingerprint and the decoded cursor.
    private static func checkSearch(_ query: SearchQuery, minConfidence: Double, limit: Int, cursor: String?) throws
        -> (UInt32, SearchCursor?)
    {
        guard (1...Self.maximumSearchLimit).contains(limit) else {
            throw StoreError.invalid("limit must be between 1 and \(Self.maximumSearchLimit), got \(limit)")
        }
        guard (0...1).contains(minConfidence) else {
            throw StoreError.invalid("min_confidence must be between 0 and 1, got \(minConfidence)")
        }
        let fingerprint = query.fingerprint(minConfidence: minConfidence)
        return (fingerprint, try cursor.map { try SearchCursor(decoding: $0, expectedFingerprint: fingerprint) })
    }

    /// The first `limit` of `hits` (up to `limit + 1`), with a cursor when there are more.
    private static func page(_ hits: [SearchHit], limit: Int, fingerprint: UInt32) -> SearchPage {
        guard hits.count > limit else { return SearchPage(hits: hits, nextCursor: nil) }
        var hits = hits
        hits.removeLast(hits.count - limit)
        let last = hits[limit - 1]
        let next = SearchCursor(fingerprint: fingerprint, score: last.score, id: last.id.rawValue)
        return SearchPage(hits: hits, nextCursor: next.encoded)
    }
}
