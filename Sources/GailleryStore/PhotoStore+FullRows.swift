import Foundation
import GRDB
import GailleryCore

/// A photo and its best tags, read together for a launcher's row (`full` pages of `photos.search` and
/// `photos.list`).
package struct PhotoWithTags: Sendable {
    /// The photo.
    package var record: PhotoRecord
    /// Its tags at or above the asked confidence, best first, at most the asked number.
    package var tags: [TagRecord]
}

extension PhotoStore {
    /// Photos by id with their top tags, in the order of `ids` (unknown ids are skipped), in one read
    /// transaction: two statements for the whole page instead of one `photos.get` per row.
    ///
    /// - Parameters:
    ///   - ids: the page, in order.
    ///   - topTags: how many tags each photo keeps at most.
    ///   - minConfidence: tags below this confidence (0...1) are left out.
    /// - Throws: database errors.
    package func photosWithTags(_ ids: [PhotoID], topTags: Int, minConfidence: Double) throws -> [PhotoWithTags] {
        guard !ids.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: ids.count)
        let arguments = StatementArguments(ids.map(\.rawValue))
        let (records, tagRows) = try pool.read { db in
            let records = try PhotoRecord.fetchAll(
                db, sql: "SELECT \(PhotoRecord.columns) FROM photos WHERE id IN (\(marks))", arguments: arguments)
            // Sorted per photo as `tags(of:)` sorts, so the first `topTags` of each photo are its best.
            let tagRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT photo_id, tag, confidence, source FROM photo_tags
                    WHERE photo_id IN (\(marks)) AND confidence >= ?
                    ORDER BY photo_id, confidence DESC, tag
                    """,
                arguments: arguments + [minConfidence])
            return (records, tagRows)
        }
        var tags: [PhotoID: [TagRecord]] = [:]
        for row in tagRows {
            let id = PhotoID(rawValue: row["photo_id"])
            guard tags[id, default: []].count < topTags else { continue }
            tags[id, default: []].append(
                TagRecord(tag: row["tag"], confidence: row["confidence"], source: row["source"]))
        }
        let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in byID[id].map { PhotoWithTags(record: $0, tags: tags[id] ?? []) } }
    }
}
