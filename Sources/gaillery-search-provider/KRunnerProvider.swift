import Foundation
import GailleryLauncher

/// `org.kde.krunner1`: KRunner sends each query as typed and shows the matches with their thumbnails
/// (`icon-data`), the date and tags as subtext, and the three actions of `Actions`.
///
/// Match ids are the photos' decimal ids.
final class KRunnerProvider {
    private let actions: PhotoActions
    /// How many matches a query returns.
    static let matchLimit = 20
    /// Match type: KRunner's QueryMatch PossibleMatch (30; ExactMatch, 100, would push others aside).
    static let possibleMatch: Int32 = 30
    /// The actions offered on every match: id, text, icon name.
    static let runnerActions: [(id: String, text: String, icon: String)] = [
        ("open", "Open", "document-open"),
        ("open-folder", "Open containing folder", "document-open-folder"),
        ("copy-path", "Copy path", "edit-copy"),
    ]

    init(actions: PhotoActions) {
        self.actions = actions
    }

    /// Handles one of the interface's methods.
    func handle(member: String, call: DBusCall, reply: DBusReply) throws {
        switch member {
        case "Match":
            try match(call.string(), reply: reply)
        case "Actions":
            try reply.container("a", "(sss)") {
                for action in Self.runnerActions {
                    try reply.container("r", "sss") {
                        try reply.string(action.id)
                        try reply.string(action.text)
                        try reply.string(action.icon)
                    }
                }
            }
        case "Run":
            let id = try call.string()
            let action = try call.string()
            guard let photo = Int64(id) else { return }
            switch action {
            case "open-folder": actions.openFolder(photo: photo)
            case "copy-path": actions.copyPath(photo: photo)
            default: actions.open(photo: photo)  // "" is the default action, Enter on a match
            }
        case "Teardown":
            break
        default:
            throw DBusError("no such method \(member)", -ENOSYS)
        }
    }

    /// `a(sssida{sv})`: id, text, icon name, type, relevance and properties (subtext, urls, category,
    /// actions, icon-data).
    private func match(_ query: String, reply: DBusReply) throws {
        let rows = actions.rows(for: LauncherQuery(query), limit: Self.matchLimit)
        let best = rows.compactMap(\.score).max() ?? 0
        try reply.container("a", "(sssida{sv})") {
            for (index, row) in rows.enumerated() {
                try reply.container("r", "sssida{sv}") {
                    try reply.string(String(row.id))
                    try reply.string(row.name)
                    try reply.string("image-x-generic")
                    try reply.int32(Self.possibleMatch)
                    // Relative to the best match, so the order KRunner sorts by is the daemon's; rows without a
                    // score (typed commands) keep their order through a falling rank.
                    let relevance = best > 0 ? (row.score ?? 0) / best : 1 - Double(index) / Double(rows.count)
                    try reply.double(max(0, min(1, relevance)))
                    try reply.container("a", "{sv}") {
                        try reply.entry("subtext", string: row.description)
                        try reply.entry("category", string: "Photos")
                        try reply.entry("actions", strings: Self.runnerActions.map(\.id))
                        if let path = row.originalPath {
                            try reply.entry("urls", strings: [URL(fileURLWithPath: path).absoluteString])
                        }
                        if let thumbnail = row.thumbnailPath, let icon = IconData(thumbnailPath: thumbnail) {
                            try reply.entry("icon-data", signature: "(iiibiiay)") { try icon.write(to: reply) }
                        }
                    }
                }
            }
        }
    }
}
