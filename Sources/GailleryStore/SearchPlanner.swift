import GRDB
import GailleryCore

/// Finds one page of search hits with a threshold algorithm over the `(tag, confidence DESC)` index,
/// reading only the top of each query tag's range (Fagin's TA, with random access done in SQL).
///
/// Round `r` takes the first `depth` rows of each positive tag's range as candidates, evaluates them
/// exactly (condition and score) and keeps the best `limit` after the cursor. A photo outside every
/// range's first `depth` rows scores at most `τ`, the sum of the confidences at that depth, so the page
/// is final when its last hit scores above `τ`, or when a range was read to its end that every match
/// needs (a required tag) or that together hold every candidate. Otherwise the depth grows: 4x while the
/// page is short, else to where `τ` falls below the page's last score (which can only rise); past
/// `SearchStrategy.maximumCandidates` (or a cost estimate, see `rowsPerCandidate`) the planner gives up
/// and the straightforward statement runs instead. A required
/// tag with few photos (by `tag_counts`, at most `SearchStrategy.wholeRangeLimit`) is read whole in one
/// round, with no threshold.
///
/// Results are those of the straightforward plan, hit for hit: the same condition and score (a score
/// is a sum of the same confidences, so it can differ only in the last bit when three or more
/// confidences are summed in another order).
struct SearchPlanner {
    let query: TagQuery
    let minConfidence: Double
    let cursor: SearchCursor?
    /// The page size plus one (the extra hit tells whether there is a next page).
    let limit: Int
    /// The plan's knobs.
    let strategy: SearchStrategy
    /// Added to `τ` so that rounding in either sum can never end a round early.
    private static let margin = 1e-9

    /// The hits, best first, at most `limit`.
    ///
    /// - Throws: what SQLite throws.
    func hits(_ db: Database) throws -> [SearchHit] {
        guard strategy.isPlanned else { return try straightforward(db) }
        let positive = query.positiveTags
        guard !positive.isEmpty, SearchSQL.singlePositiveTag(query) == nil else { return try straightforward(db) }
        let needsTag = SearchSQL.needsOneOfItsTags(query)
        var hits: [SearchHit] = []
        // A zero last score means the scored hits have all been returned.
        if needsTag || cursor.map({ $0.score > 0 }) ?? true {
            guard let scored = try scoredHits(db, positive: positive, scoredOnly: !needsTag) else {
                return try straightforward(db)
            }
            hits = scored
        }
        if !needsTag && hits.count < limit {
            let afterID = cursor.flatMap { $0.score == 0 ? $0.id : nil }
            let tail = SearchSQL(
                zeroScoresOf: query, minConfidence: minConfidence, afterID: afterID, limit: limit - hits.count)
            hits += try fetch(db, tail)
        }
        return hits
    }

    /// The hits that carry a query tag, by threshold rounds; nil when they would read too much.
    private func scoredHits(_ db: Database, positive: [TagName], scoredOnly: Bool) throws -> [SearchHit]? {
        let required = needsTag ? Self.requiredTags(query) : []
        let counts = try photoCounts(db)
        let costBased = strategy.rowsPerCandidate > 0
        // Measured at 100,000 photos: a whole range pays off when the other required tags' lookups
        // drop most of it before the photo lookups (2.5x); with one required tag beside optional
        // ones, and for OR of tags, the straightforward statement was as fast or faster.
        if costBased && needsTag && (required.count < 2 && Set(query.allTags) != required) { return nil }
        let smallest = positive.filter(required.contains).min { counts[$0, default: 0] < counts[$1, default: 0] }
        if let smallest, counts[smallest, default: 0] <= strategy.wholeRangeLimit {
            return try round(db, lists: [(smallest, nil)], required: required, scoredOnly: scoredOnly)
        }
        var maximumCandidates = strategy.maximumCandidates
        if costBased && needsTag {  // without a needed tag, the straightforward plan scans every photo
            maximumCandidates = min(maximumCandidates, counts.values.reduce(0, +) / strategy.rowsPerCandidate)
        }
        var depth = strategy.initialDepth
        while depth * positive.count <= maximumCandidates {
            let bound = try threshold(db, positive: positive, required: required, depth: depth)
            let hits = try round(db, lists: positive.map { ($0, depth) }, required: required, scoredOnly: scoredOnly)
            guard let bound else { return hits }
            guard hits.count == limit else {
                depth *= 4
                continue
            }
            let worst = hits[limit - 1].score
            if worst > bound { return hits }
            // The final page's last score is at least `worst`: go as deep as it takes to bound every
            // unread photo below it (doubling; each probe is one index walk in SQLite).
            depth *= 2
            while depth * positive.count <= maximumCandidates,
                let next = try threshold(db, positive: positive, required: required, depth: depth), next >= worst
            {
                depth *= 2
            }
        }
        return nil
    }

    /// `τ` at `depth` plus a margin for rounding, or nil when the rounds at that depth see every
    /// match: a required tag's range, or every positive tag's range, is shorter than `depth`.
    private func threshold(_ db: Database, positive: [TagName], required: Set<TagName>, depth: Int) throws -> Double? {
        var sum = Self.margin
        var complete = true
        for tag in positive {
            let statement = try db.cachedStatement(sql: SearchSQL.rowAtDepthSQL)
            if let confidence = try Double.fetchOne(statement, arguments: [tag.rawValue, minConfidence, depth - 1]) {
                sum += confidence
                complete = false
            } else if required.contains(tag) {
                return nil
            }
        }
        return complete ? nil : sum
    }

    private var needsTag: Bool { SearchSQL.needsOneOfItsTags(query) }

    private func round(
        _ db: Database, lists: [(tag: TagName, depth: Int?)], required: Set<TagName>, scoredOnly: Bool
    ) throws -> [SearchHit] {
        try fetch(
            db,
            SearchSQL(
                candidatesOf: query, lists: lists, required: required, scoredOnly: scoredOnly,
                minConfidence: minConfidence, after: cursor, limit: limit))
    }

    /// The number of photos with each of the query's tags at the default threshold (`tag_counts`): an
    /// estimate of each tag's range at other thresholds, which only steers the plan.
    private func photoCounts(_ db: Database) throws -> [TagName: Int] {
        var counts: [TagName: Int] = [:]
        for tag in query.allTags {
            counts[tag] = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT n FROM tag_counts WHERE tag = ?"), arguments: [tag.rawValue]) ?? 0
        }
        return counts
    }

    private func straightforward(_ db: Database) throws -> [SearchHit] {
        try fetch(db, SearchSQL(query: query, minConfidence: minConfidence, after: cursor, limit: limit))
    }

    private func fetch(_ db: Database, _ statement: SearchSQL) throws -> [SearchHit] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: statement.sql), arguments: statement.arguments)
        var hits: [SearchHit] = []
        while let row = try rows.next() {
            hits.append(SearchHit(id: PhotoID(row[0] as Int64), score: row[1] as Double))
        }
        return hits
    }

    /// Tags that every photo matching `query` carries.
    static func requiredTags(_ query: TagQuery) -> Set<TagName> {
        switch query {
        case .tag(let tag): [tag]
        case .not(.not(let inner)): requiredTags(inner)
        case .and(let operands): operands.reduce(into: Set()) { $0.formUnion(requiredTags($1)) }
        case .or(let operands):
            operands.dropFirst().reduce(requiredTags(operands[0])) { $0.intersection(requiredTags($1)) }
        case .not, .since, .until, .status: []
        }
    }
}
