import GailleryProtocol

/// Photos as a table, for `list`, `search` and `trash`.
enum PhotoTable {
    /// Which optional columns to show.
    struct Columns: OptionSet, Sendable {
        let rawValue: Int
        /// The search relevance (`photos.search`).
        static let score = Columns(rawValue: 1)
        /// When it went to the trash (`trash.list`).
        static let trashed = Columns(rawValue: 2)
    }

    /// The table: ID, [SCORE], STATUS, SIZE, TAKEN, [TRASHED], NAME, and TAGS when any photo carries tags.
    static func render(_ photos: [PhotoInfo], columns: Columns = [], colour: Bool) -> String {
        let showTags = photos.contains { !($0.tags ?? []).isEmpty }
        var headers = ["id"]
        if columns.contains(.score) { headers.append("score") }
        headers += ["status", "size", "taken"]
        if columns.contains(.trashed) { headers.append("trashed") }
        headers.append("name")
        if showTags { headers.append("tags") }
        var table = Table(headers, right: ["id", "score", "size"])
        for photo in photos {
            var row: [Table.Cell] = [Table.Cell(String(photo.id))]
            if columns.contains(.score) {
                row.append(Table.Cell(photo.score.map { String(format: "%.2f", $0) } ?? "-"))
            }
            row += [
                Table.Cell(photo.status, Style.forStatus(photo.status)), Table.Cell(dimensions(photo)),
                Table.Cell(photo.takenAt ?? "-"),
            ]
            if columns.contains(.trashed) { row.append(Table.Cell(photo.trashedAt ?? "-")) }
            row.append(Table.Cell(photo.name ?? "-"))
            if showTags { row.append(Table.Cell((photo.tags ?? []).prefix(3).map(\.tag).joined(separator: ", "))) }
            table.append(row)
        }
        return table.render(colour: colour)
    }

    /// `WxH` once the photo is decoded, else `-`.
    static func dimensions(_ photo: PhotoInfo) -> String {
        guard let width = photo.width, let height = photo.height else { return "-" }
        return "\(width)x\(height)"
    }
}
