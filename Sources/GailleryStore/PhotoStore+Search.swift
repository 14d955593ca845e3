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
        _ query: TagQuery, minConfidence: Double, limit: Int, cursor: String?, strategy: SearchStrategy = .indexed
    ) throws -> SearchPage {
        guard (1...Self.maximumSearchLimit).contains(limit) else {
            throw StoreError.invalid("limit must be between 1 and \(Self.maximumSearchLimit), got \(limit)")
        }
        guard (0...1).contains(minConfidence) else {
            throw StoreError.invalid("min_confidence must be between 0 and 1, got \(minConfidence)")
        }
        let fingerprint = SearchCursor.fingerprint(query: query, minConfidence: minConfidence)
        let after = try cursor.map { try SearchCursor(decoding: $0, expectedFingerprint: fingerprint) }
        var hits: [SearchHit]
        do {
            hits = try pool.read { db in
                if strategy == .indexed,
                    let hits = try searchIndex.state(db).hits(
                        query, minConfidence: minConfidence, after: after, limit: limit + 1)
                {
                    return hits
                }
                let statement = SearchSQL(query: query, minConfidence: minConfidence, after: after, limit: limit + 1)
                let rows = try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: statement.arguments)
                var hits: [SearchHit] = []
                while let row = try rows.next() {
                    hits.append(SearchHit(id: PhotoID(row[0] as Int64), score: row[1] as Double))
                }
                return hits
            }
        } catch {
            throw StoreError.database("searching for \(query.queryText)", error)
        }
        guard hits.count > limit else { return SearchPage(hits: hits, nextCursor: nil) }
        hits.removeLast(hits.count - limit)
        let last = hits[limit - 1]
        let next = SearchCursor(fingerprint: fingerprint, score: last.score, id: last.id.rawValue)
        return SearchPage(hits: hits, nextCursor: next.encoded)
    }
}
