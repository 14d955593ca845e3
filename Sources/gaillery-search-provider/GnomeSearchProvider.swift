import Foundation
import GailleryLauncher

/// `org.gnome.Shell.SearchProvider2`: GNOME Shell asks for ids matching the typed terms, then for their
/// names, descriptions and icons, and activates one or opens the app on the search.
///
/// Ids are the photos' decimal ids. A daemon that is not running gives empty results and a log line.
final class GnomeSearchProvider {
    private let actions: PhotoActions
    /// How many ids a search returns (GNOME shows a handful, and asks for the metas of those only).
    static let resultLimit = 50

    init(actions: PhotoActions) {
        self.actions = actions
    }

    /// Handles one of the interface's methods.
    func handle(member: String, call: DBusCall, reply: DBusReply) throws {
        switch member {
        case "GetInitialResultSet":
            try reply.strings(ids(for: call.strings()))
        case "GetSubsearchResultSet":
            let previous = Set(try call.strings())
            try reply.strings(ids(for: call.strings()).filter(previous.contains))
        case "GetResultMetas":
            try metas(call.strings(), reply: reply)
        case "ActivateResult":
            let id = try call.string()
            _ = try call.strings()
            _ = try call.uint32()
            if let photo = Int64(id) { actions.open(photo: photo) }
        case "LaunchSearch":
            let terms = try call.strings()
            _ = try call.uint32()
            actions.openGallery(query: LauncherQuery(terms: terms))
        default:
            throw DBusError("no such method \(member)", -ENOSYS)
        }
    }

    private func ids(for terms: [String]) -> [String] {
        let rows = actions.rows(for: LauncherQuery(terms: terms), limit: Self.resultLimit)
        return rows.map { String($0.id) }
    }

    /// `aa{sv}`: id, name, description, and the thumbnail as a serialized GIcon (`icon`) and as a path (`gicon`).
    private func metas(_ ids: [String], reply: DBusReply) throws {
        let rows = actions.rows(ids: ids.compactMap { Int64($0) })
        try reply.container("a", "a{sv}") {
            for row in rows {
                try reply.container("a", "{sv}") {
                    try reply.entry("id", string: String(row.id))
                    try reply.entry("name", string: row.name)
                    try reply.entry("description", string: row.description)
                    if let thumbnail = row.thumbnailPath {
                        try reply.entry("gicon", string: thumbnail)
                        // g_icon_serialize's form for a GFileIcon: ('file', <'file:///…'>).
                        try reply.entry("icon", signature: "(sv)") {
                            try reply.container("r", "sv") {
                                try reply.string("file")
                                try reply.container("v", "s") {
                                    try reply.string(URL(fileURLWithPath: thumbnail).absoluteString)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
