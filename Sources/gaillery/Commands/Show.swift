import ArgumentParser
import GailleryProtocol

/// `gaillery show ID`: one photo in full.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show everything about one photo: file, status, tags with confidence, labels.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The photo's id.")
    var id: Int64

    func run() throws {
        let photo = try global.connect().call(PhotosGet.self, .init(id: id))
        if !global.json { Console.out(PhotoDetail.render(photo, colour: Console.colour)) }
    }
}

/// A photo's fields as aligned `key  value` lines, then its tags and labels.
enum PhotoDetail {
    /// The full description of `photo`.
    static func render(_ photo: PhotoInfo, colour: Bool) -> String {
        var fields: [(key: String, value: String)] = [("id", String(photo.id))]
        if let name = photo.name { fields.append(("name", TerminalText.escape(name))) }
        fields.append(("status", Style.forStatus(photo.status).apply(photo.status, enabled: colour)))
        if let error = photo.error { fields.append(("error", TerminalText.escape(error))) }
        if let trashed = photo.trashedAt {
            fields.append(("trashed", "\(trashed) (restore with `gaillery restore \(photo.id)`)"))
        }
        var size = PhotoTable.dimensions(photo)
        if let orientation = photo.orientation, orientation != 1 { size += " (EXIF orientation \(orientation))" }
        fields += [
            ("size", size),
            ("format", TerminalText.escape(photo.format)),
            ("bytes", "\(ByteCount.human(photo.byteSize)) (\(photo.byteSize) bytes)"),
            ("taken", photo.takenAt ?? "-"),
            ("added", photo.addedAt),
            ("sha256", photo.sha256),
        ]
        if let path = photo.originalPath { fields.append(("original", TerminalText.escape(path))) }
        if let path = photo.thumbnailPath { fields.append(("thumbnail", TerminalText.escape(path))) }
        let tags = photo.tags ?? []
        if tags.isEmpty { fields.append(("tags", "-")) }
        var lines = Table.keyValues(fields)
        if !tags.isEmpty { lines.append("tags") }
        lines += ConfidenceBar.lines(tags, indent: "  ")
        if let labels = photo.labels, !labels.isEmpty {
            lines.append("labels")
            lines += labelLines(labels)
        }
        return lines.joined(separator: "\n")
    }

    /// The classifier's labels: `  1  golden retriever  ██████░░░░ 0.61  n02099601  mobilenet_v2`.
    static func labelLines(_ labels: [PhotoLabel]) -> [String] {
        let names = labels.map { TerminalText.escape($0.label) }
        let nameWidth = names.map(\.count).max() ?? 0
        let rankWidth = labels.map { String($0.rank).count }.max() ?? 1
        return zip(labels, names).sorted { $0.0.rank < $1.0.rank }.map { label, name in
            let rank = String(repeating: " ", count: rankWidth - String(label.rank).count) + String(label.rank)
            let name = name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let model = TerminalText.escape(label.wnid + "  " + label.model)
            return "  \(rank)  \(name)  \(ConfidenceBar.render(label.confidence))  \(model)"
        }
    }
}
