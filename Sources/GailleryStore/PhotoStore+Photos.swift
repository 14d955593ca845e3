import Foundation
import GRDB
import GailleryCore

/// How `photos.list` orders photos.
package enum ListOrder: String, Sendable {
    /// Newest stored first.
    case added
    /// Newest EXIF DateTimeOriginal first; photos without one come last, newest stored first.
    case taken
}

extension PhotoStore {
    /// The photo with this id, trashed or not, or nil.
    package func photo(_ id: PhotoID) throws -> PhotoRecord? {
        try pool.read { db in
            try PhotoRecord.fetchOne(
                db, sql: "SELECT \(PhotoRecord.columns) FROM photos WHERE id = ?", arguments: [id.rawValue])
        }
    }

    /// Photos by id, in the order of `ids`; unknown ids are skipped.
    package func photos(_ ids: [PhotoID]) throws -> [PhotoRecord] {
        guard !ids.isEmpty else { return [] }
        let rows = try pool.read { db in
            try PhotoRecord.fetchAll(
                db,
                sql:
                    "SELECT \(PhotoRecord.columns) FROM photos WHERE id IN (\(databaseQuestionMarks(count: ids.count)))",
                arguments: StatementArguments(ids.map(\.rawValue)))
        }
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// A photo's tags, best first (manual tags have confidence 1).
    package func tags(of id: PhotoID) throws -> [TagRecord] {
        try pool.read { db in try Self.tags(of: id, db: db) }
    }

    static func tags(of id: PhotoID, db: Database) throws -> [TagRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT tag, confidence, source FROM photo_tags WHERE photo_id = ? ORDER BY confidence DESC, tag",
            arguments: [id.rawValue]
        ).map { TagRecord(tag: $0["tag"], confidence: $0["confidence"], source: $0["source"]) }
    }

    /// A page of the photos not in the trash, as ids, and the cursor of the next page (nil on the last
    /// page). Only the index is read: callers render the photos from `RenderedPhotoCache`.
    ///
    /// `.added` is newest first; `.taken` is by capture date, newest first, then the photos without one,
    /// newest first. Each page is an index range scan: the dated and the undated photos are read as two
    /// ranges of `photos_by_taken`, because one `ORDER BY taken_at IS NULL, …` sorted every photo for
    /// every page.
    ///
    /// - Throws: `StoreError.invalid` for a cursor this method did not produce.
    package func list(order: ListOrder, limit: Int, cursor: String?) throws -> ([PhotoID], String?) {
        let rows: [ListedPhoto]
        switch order {
        case .added:
            var after: Int64?
            if let cursor {
                guard let id = PageCursor.decode(cursor, prefix: "a").flatMap({ Int64($0[0]) }) else {
                    throw Self.badCursor
                }
                after = id
            }
            var arguments: [any DatabaseValueConvertible] = after.map { [$0] } ?? []
            arguments.append(limit + 1)
            rows = try pool.read { [arguments] db in
                try ListedPhoto.fetchAll(
                    db,
                    // No taken_at: this order's cursor needs none, and photos_by_added then covers the query.
                    sql: "SELECT id, NULL FROM photos WHERE trashed_at IS NULL"
                        + (after == nil ? "" : " AND id < ?") + " ORDER BY id DESC LIMIT ?",
                    arguments: StatementArguments(arguments))
            }
        case .taken:
            // Where the previous page ended: a capture date and id, or an id among the undated photos.
            var afterDated: (String, Int64)?
            var afterUndated: Int64?
            if let cursor {
                guard let parts = PageCursor.decode(cursor, prefix: "t"), parts.count == 2, let id = Int64(parts[1])
                else {
                    throw Self.badCursor
                }
                if parts[0].isEmpty { afterUndated = id } else { afterDated = (parts[0], id) }
            }
            rows = try pool.read { db in
                var rows: [ListedPhoto] = []
                if afterUndated == nil {
                    var arguments: [any DatabaseValueConvertible] = afterDated.map { [$0.0, $0.1] } ?? []
                    arguments.append(limit + 1)
                    rows = try ListedPhoto.fetchAll(
                        db,
                        sql: "SELECT id, taken_at FROM photos WHERE trashed_at IS NULL AND taken_at IS NOT NULL"
                            + (afterDated == nil ? "" : " AND (taken_at, id) < (?, ?)")
                            + " ORDER BY taken_at DESC, id DESC LIMIT ?",
                        arguments: StatementArguments(arguments))
                }
                if rows.count <= limit {
                    var arguments: [any DatabaseValueConvertible] = afterUndated.map { [$0] } ?? []
                    arguments.append(limit + 1 - rows.count)
                    rows += try ListedPhoto.fetchAll(
                        db,
                        sql: "SELECT id, taken_at FROM photos WHERE trashed_at IS NULL AND taken_at IS NULL"
                            + (afterUndated == nil ? "" : " AND id < ?") + " ORDER BY id DESC LIMIT ?",
                        arguments: StatementArguments(arguments))
                }
                return rows
            }
        }
        let page = Array(rows.prefix(limit))
        guard rows.count > limit, let last = page.last else { return (page.map(\.id), nil) }
        let next =
            order == .added
            ? PageCursor.encode(prefix: "a", [String(last.id.rawValue)])
            : PageCursor.encode(prefix: "t", [last.takenAt ?? "", String(last.id.rawValue)])
        return (page.map(\.id), next)
    }

    /// What a list page reads of a photo: its id, and its capture date for the next page's cursor.
    private struct ListedPhoto: FetchableRecord {
        var id: PhotoID
        var takenAt: String?

        init(row: Row) {
            id = PhotoID(row[0] as Int64)
            takenAt = row[1]
        }
    }

    /// A page of the trash, most recently trashed first.
    package func trashList(limit: Int, cursor: String?) throws -> ([PhotoRecord], String?) {
        var condition = "trashed_at IS NOT NULL"
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let cursor {
            guard let parts = PageCursor.decode(cursor, prefix: "x"), parts.count == 2,
                let time = Double(parts[0]), let id = Int64(parts[1])
            else { throw Self.badCursor }
            condition += " AND (trashed_at < ? OR (trashed_at = ? AND id < ?))"
            arguments = [time, time, id]
        }
        let rows = try pool.read { db in
            try PhotoRecord.fetchAll(
                db,
                sql:
                    "SELECT \(PhotoRecord.columns) FROM photos WHERE \(condition) ORDER BY trashed_at DESC, id DESC LIMIT ?",
                arguments: StatementArguments(arguments + [limit + 1]))
        }
        let page = Array(rows.prefix(limit))
        guard rows.count > limit, let last = page.last, let time = last.trashedAt else { return (page, nil) }
        return (page, PageCursor.encode(prefix: "x", [String(time), String(last.id.rawValue)]))
    }

    static var badCursor: StoreError {
        StoreError.invalid("cursor is not one this method returned; pass next_cursor from the previous page unchanged")
    }
}
