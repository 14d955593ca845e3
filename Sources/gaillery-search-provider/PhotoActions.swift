import Foundation
import GailleryClient
import GailleryLauncher
import GailleryProtocol

/// What both launcher interfaces do with photos: find rows, open a photo, its folder or the gallery, copy
/// its path. A daemon that is not running, or that refuses a query, gives empty results and a log line:
/// a launcher shows nothing rather than an error for each key typed.
final class PhotoActions {
    private let search: LauncherSearch
    private let opener: Opener
    private let log: (String) -> Void

    init(search: LauncherSearch, opener: Opener, log: @escaping (String) -> Void) {
        self.search = search
        self.opener = opener
        self.log = log
    }

    /// The rows for `query`, best first, at most `limit`; empty when the daemon cannot answer.
    func rows(for query: LauncherQuery, limit: Int) -> [LauncherRow] {
        logging("\(query)") { try search.rows(for: query, limit: limit) } ?? []
    }

    /// The rows of `ids`; empty when the daemon cannot answer.
    func rows(ids: [Int64]) -> [LauncherRow] {
        logging("rows \(ids)") { try search.rows(ids: ids) } ?? []
    }

    /// Opens the photo in the web gallery when it is on, else the original with the opener.
    func open(photo: Int64) {
        if let url = logging("gallery.open", { try search.galleryURL(photo: photo) }) ?? nil {
            opener.open(url)
        } else if let path = original(photo) {
            opener.open(path)
        }
    }

    /// Opens the folder holding the original.
    func openFolder(photo: Int64) {
        guard let path = original(photo) else { return }
        opener.open((path as NSString).deletingLastPathComponent)
    }

    /// Copies the original's path to the clipboard.
    func copyPath(photo: Int64) {
        guard let path = original(photo) else { return }
        opener.copy(path)
    }

    /// Opens the web gallery on a search (the whole gallery for a typed command, which has no URL form).
    func openGallery(query: LauncherQuery) {
        var text: String?
        if case .search(let words) = query { text = words }
        guard let url = logging("gallery.open", { try search.galleryURL(query: text) }) ?? nil else {
            log("the web gallery is off (gailleryd --http off?), so there is no gallery to open on \(query)")
            return
        }
        opener.open(url)
    }

    private func original(_ photo: Int64) -> String? {
        let path = rows(ids: [photo]).first?.originalPath
        if path == nil { log("photo \(photo) has no original the daemon knows of") }
        return path
    }

    /// Runs `body`, logging a failure with `what` and returning nil.
    private func logging<T>(_ what: String, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as ClientError {
            log("\(what): \(error)")
        } catch let error as RPCError {
            log("\(what): gailleryd said: \(error)")
        } catch {
            log("\(what): \(error)")
        }
        return nil
    }
}
