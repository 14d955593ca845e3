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
    /// A single tag reads only the top of the `(tag, confidence)` index; other queries with a positive
    /// tag run `SearchPlanner`'s threshold rounds, which read the tops of their tags' ranges (or the
    /// whole range of a rare required tag), with the straightforward statement as the fallback.
    ///
    /// - Parameters:
    ///   - minConfidence: 0...1.
    ///   - limit: 1...`maximumSearchLimit` hits per page.
    ///   - cursor: `nextCursor` of the previous page of the same query, or `nil` for the first page.
    ///   - strategy: `.planned`, or `.straightforward` for the one-statement plan (the reference for
    ///     tests and the baseline for benchmarks); every strategy returns the same pages.
    /// - Throws: `StoreError.invalid` for a bad limit, confidence or cursor (malformed, or from another
    ///   query); `StoreError.database` when SQLite fails.
    package func search(
        _ query: TagQuery, minConfidence: Double, limit: Int, cursor: String?, strategy: SearchStrategy = .planned
    ) throws -> SearchPage {
        guard (1...Self.maximumSearchLimit).contains(limit) else {
            throw StoreError.invalid("limit must be between 1 and \(Self.maximumSearchLimit), got \(limit)")
        }
        guard (0...1).contains(minConfidence) else {
            throw StoreError.invalid("min_confidence must be between 0 and 1, got \(minConfidence)")
        }
        let fingerprint = SearchCursor.fingerprint(query: query, minConfidence: minConfidence)
        let after = try cursor.map { try SearchCursor(decoding: $0, expectedFingerprint: fingerprint) }
        let planner = SearchPlanner(
            query: query, minConfidence: minConfidence, cursor: after, limit: limit + 1, strategy: strategy)
        var hits: [SearchHit]
        do {
            // One read transaction: every round of the planner sees the same snapshot.
            hits = try pool.read { db in try planner.hits(db) }
        } catch {
            throw StoreError.database("searching for \(query.queryText)", error)
        }
        guard hits.count > limit else { return SearchPage(hits: hits, nextCursor: nil) }
        hits.removeLast(hits.count - limit)
        let last = hits[limit - 1]
        let next = SearchCursor(fingerprint: fingerprint, score: last.score, id: last.id.rawValue)
        return SearchPage(hits: hits, nextCursor: next.encoded)
    }

    /// The SQL that `search` runs for these arguments and the query plan SQLite chooses for it, one
    /// line per plan step (`EXPLAIN QUERY PLAN`), for benchmarks and diagnostics.
    ///
    /// - Throws: `StoreError.database` when SQLite fails.
    package func searchPlan(_ query: TagQuery, minConfidence: Double, limit: Int) throws -> (
        sql: String, plan: [String]
    ) {
        let statement = SearchSQL(query: query, minConfidence: minConfidence, after: nil, limit: limit + 1)
        do {
            let plan = try pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                    .map { $0["detail"] as String }
            }
            return (statement.sql, plan)
        } catch {
            throw StoreError.database("explaining the search for \(query.queryText)", error)
        }
    }
}
