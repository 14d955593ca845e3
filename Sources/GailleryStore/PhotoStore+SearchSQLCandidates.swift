import GRDB
import GailleryCore

/// The statements of the planned search (`SearchPlanner`): each evaluates a bounded set of candidate
/// photos instead of every photo that carries one of the query's tags.
extension SearchSQL {
    /// Matches among the candidates: the photos in the first `depth` rows (by confidence descending)
    /// of each listed tag's index range at `:min` (the whole range when `depth` is nil) that have every
    /// `required` tag. Each candidate costs a primary-key lookup per required tag, then a photo lookup
    /// and one lookup per query tag, whose results decide the condition and sum to the score. Rows
    /// are `(id, score)` in result order after `cursor`.
    ///
    /// - Parameter scoredOnly: keep only hits with a positive score (the zero scores of a query that
    ///   can match photos without any of its tags come from `init(zeroScoresOf:…)`).
    init(
        candidatesOf query: TagQuery, lists: [(tag: TagName, depth: Int?)], required: Set<TagName>,
        scoredOnly: Bool, minConfidence: Double, after cursor: SearchCursor?, limit: Int
    ) {
        self.init(binding: query, minConfidence: minConfidence, limit: limit)
        let sources = lists.map { list in
            let tag = tagColumns[list.tag]!.parameter
            // A candidate without a required tag cannot match: drop it before it costs a photo lookup.
            let others = query.allTags.filter { required.contains($0) && $0 != list.tag }
                .map { "AND EXISTS (\(probe("1", $0, photo: "t.photo_id")))" }.joined(separator: " ")
            let range = "SELECT t.photo_id FROM photo_tags t WHERE t.tag = \(tag) AND t.confidence >= :min \(others)"
            guard let depth = list.depth else { return range }
            return "SELECT photo_id FROM (\(range) ORDER BY t.confidence DESC, t.photo_id LIMIT \(bind(depth)))"
        }
        let columns = query.allTags.indices.map { "(\(probe("MAX(+confidence)", query.allTags[$0], photo: "p.id"))) AS m\($0)" }
        let score = query.positiveTags.map { "COALESCE(p.m\(query.allTags.firstIndex(of: $0)!), 0.0)" }
        let page = cursor.map { bindPage($0) }
        // A photo can sit in several ranges, and twice in one (a manual row beside a model row).
        // `m` is named `p` below so that the filters render against its copies of the photo's columns.
        sql = """
            WITH c(id) AS (SELECT DISTINCT photo_id FROM (\(sources.joined(separator: "\nUNION ALL ")))),
            m AS MATERIALIZED (
              SELECT p.id, p.status, p.taken_at, p.added_at, \(columns.joined(separator: ", "))
              FROM c CROSS JOIN photos p ON p.id = c.id WHERE p.trashed_at IS NULL)
            SELECT id, score FROM (
              SELECT p.id AS id, \(score.joined(separator: " + ")) AS score FROM m AS p
              WHERE \(condition(query, filters: true) { "p.m\(query.allTags.firstIndex(of: $0)!) IS NOT NULL" }))
            WHERE \(scoredOnly ? "score > 0" : "1") \(Self.keyset(score: "score", id: "id", page))
            ORDER BY score DESC, id DESC LIMIT :limit
            """
    }

    /// A lookup of `photo`'s rows for `tag` at `:min` selecting `column`. The unary `+`s keep SQLite
    /// on the primary key `(photo_id, tag, …)`: without them it prefers `photo_tags_by_tag` and reads
    /// the tag's whole range per lookup (measured 100x slower).
    private func probe(_ column: String, _ tag: TagName, photo: String) -> String {
        "SELECT \(column) FROM photo_tags WHERE photo_id = \(photo) AND tag = \(tagColumns[tag]!.parameter) "
            + "AND +confidence >= :min"
    }

    /// The hits of score 0 (no positive tag at `:min` with a confidence above 0), newest first,
    /// below `afterID`: the tail of the result order of a query that can match photos without any of
    /// its tags (`dog | -cat`).
    init(zeroScoresOf query: TagQuery, minConfidence: Double, afterID: Int64?, limit: Int) {
        self.init(binding: query, minConfidence: minConfidence, limit: limit)
        let position = afterID.map { "AND p.id < " + bind($0) } ?? ""
        let positive = query.positiveTags.map { tagColumns[$0]!.parameter }.joined(separator: ", ")
        sql = """
            SELECT p.id, 0.0 FROM photos p
            WHERE p.trashed_at IS NULL AND \(condition(query, filters: true, tag: photoHasTag))
              AND NOT EXISTS (SELECT 1 FROM photo_tags WHERE photo_id = p.id AND +tag IN (\(positive))
                              AND +confidence >= :min AND confidence > 0) \(position)
            ORDER BY p.id DESC LIMIT :limit
            """
    }

    /// The confidence of the `depth`-th row (1-based) of `tag`'s index range at `minConfidence`, in the
    /// order the candidate statements read it; no row when the range is shorter.
    static let rowAtDepthSQL = """
        SELECT confidence FROM photo_tags WHERE tag = ? AND confidence >= ?
        ORDER BY confidence DESC, photo_id LIMIT 1 OFFSET ?
        """
}
