import GRDB
import GailleryCore

extension PhotoStore {
    /// The largest `limit` `tagsList` accepts.
    package static let maximumTagsListLimit = 10_000

    /// Tags with the number of distinct non-trashed photos that have each: the tags in `first` before
    /// the others, and in each part the most used first (then by tag).
    ///
    /// A model tag counts when its confidence is at least `minConfidence` (by default the same
    /// threshold search uses by default, so a listed count is what searching that tag finds); a manual
    /// tag always counts, and a photo with both counts once. `prefix` is normalised like a tag but not
    /// singularised (`"Golden Ret"` → `golden ret`), so it matches while the user is typing; when its
    /// canonical form differs (`dogs` → `dog`), that exact tag is listed too. Cost: one index seek per
    /// distinct tag in range, a count of each tag's rows above the threshold, and one pass over the
    /// tags of trashed photos (see `tagsListSQL`), except at the default threshold, where the counts
    /// are kept by triggers and the cost is a read of one row per tag (`tagCountsSQL`).
    ///
    /// - Parameters:
    ///   - prefix: `nil` or empty for all tags.
    ///   - limit: 1...`maximumTagsListLimit`.
    ///   - minConfidence: 0...1.
    ///   - first: Tags listed before all others when in use (the everyday categories: implied tags
    ///     such as "mammal" are on more photos than "dog" but are not what a user looks for first).
    /// - Throws: `StoreError.invalid` for a bad limit or confidence; `StoreError.database` when SQLite fails.
    package func tagsList(
        prefix: String?, limit: Int, minConfidence: Double = PhotoStore.defaultMinConfidence, first: [String] = []
    ) throws -> [(tag: String, count: Int)] {
        guard (1...Self.maximumTagsListLimit).contains(limit) else {
            throw StoreError.invalid("limit must be between 1 and \(Self.maximumTagsListLimit), got \(limit)")
        }
        guard (0...1).contains(minConfidence) else {
            throw StoreError.invalid("min_confidence must be between 0 and 1, got \(minConfidence)")
        }
        // One JSON array argument: the statement stays one cached statement whatever `first` holds.
        let firstJSON = "[" + first.map { "\"" + Self.jsonEscaped($0) + "\"" }.joined(separator: ",") + "]"
        var arguments: StatementArguments = ["min": minConfidence, "limit": limit, "first": firstJSON]
        if let prefix = prefix.map(TagName.normalizedPrefix), !prefix.isEmpty {
            let canonical = TagName.canonical(prefix)
            _ = arguments.append(contentsOf: ["low": prefix, "high": prefix + "\u{10FFFF}", "exact": canonical])
        } else {
            _ = arguments.append(contentsOf: ["low": "", "high": "\u{10FFFF}\u{10FFFF}", "exact": nil])
        }
        do {
            return try pool.read { db in
                // The trigger-kept counts hold exactly the default threshold; other thresholds count rows.
                let sql = minConfidence == Self.defaultMinConfidence ? Self.tagCountsSQL : Self.tagsListSQL
                return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
                    (tag: row[0] as String, count: row[1] as Int)
                }
            }
        } catch {
            throw StoreError.database("listing tags", error)
        }
    }

    /// Counts at the default threshold from the trigger-kept `tag_counts` table (schema v3): one row per
    /// tag ever seen, so the cost grows with the number of tags, not of photos.
    private static let tagCountsSQL = """
        SELECT tag, n FROM tag_counts
        WHERE n > 0 AND (tag >= :low AND tag < :high OR tag = :exact)
        ORDER BY tag IN (SELECT value FROM json_each(:first)) DESC, n DESC, tag LIMIT :limit
        """

    /// Counts per tag without reading every row: `names` walks the distinct tags of the `(tag, confidence)`
    /// index one seek each (a skip scan), each tag's count is an index range count of rows at or above
    /// the threshold, minus manual tags that duplicate a counted model tag, minus trashed photos
    /// (driven from the trashed photos, which are few).
    private static let tagsListSQL = """
        WITH RECURSIVE names(tag) AS (
          SELECT MIN(tag) FROM photo_tags WHERE tag >= :low
          UNION ALL
          SELECT (SELECT MIN(tag) FROM photo_tags WHERE tag > names.tag) FROM names
          WHERE names.tag IS NOT NULL AND names.tag < :high),
        wanted(tag) AS (
          SELECT tag FROM names WHERE tag IS NOT NULL AND tag < :high
          UNION SELECT :exact WHERE :exact IS NOT NULL),
        trashed(tag, n) AS MATERIALIZED (
          SELECT t.tag, COUNT(*) FROM photos p CROSS JOIN photo_tags t ON t.photo_id = p.id
          WHERE p.trashed_at IS NOT NULL AND t.confidence >= :min
            AND (t.tag >= :low AND t.tag < :high OR t.tag = :exact)
            AND (t.source = 'manual' OR NOT EXISTS (
              SELECT 1 FROM photo_tags m WHERE m.photo_id = t.photo_id AND m.tag = t.tag AND m.source = 'manual'))
          GROUP BY t.tag),
        counted(tag, n) AS MATERIALIZED (
          SELECT w.tag,
            (SELECT COUNT(*) FROM photo_tags WHERE tag = w.tag AND confidence >= :min)
            - (SELECT COUNT(*) FROM photo_tags m WHERE m.tag = w.tag AND m.confidence >= 1 AND m.source = 'manual'
                 AND EXISTS (SELECT 1 FROM photo_tags o WHERE o.photo_id = m.photo_id AND o.tag = m.tag
                               AND o.source = 'model' AND o.confidence >= :min))
            - COALESCE(x.n, 0)
          FROM wanted w LEFT JOIN trashed x ON x.tag = w.tag)
        SELECT tag, n FROM counted WHERE n > 0
        ORDER BY tag IN (SELECT value FROM json_each(:first)) DESC, n DESC, tag LIMIT :limit
        """

    /// `text` as the inside of a JSON string.
    private static func jsonEscaped(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": escaped += "\\" + String(scalar)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
