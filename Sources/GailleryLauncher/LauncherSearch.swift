import Foundation
import GailleryClient
import GailleryProtocol

/// Turns what a user typed into a launcher (GNOME Shell, KRunner, rofi, dmenu) into photo rows, through the
/// daemon's socket: `photos.search` for queries and plain words, `assistant.command` for typed commands.
///
/// It keeps one connection and makes a new one when the daemon went away in between (a restart). Not
/// Sendable: use it from one thread, like `RPCClient`.
package final class LauncherSearch {
    /// The daemon's socket.
    package let socketPath: String
    private var client: RPCClient?
    /// False once the daemon refused `full` on `photos.search` (an older daemon): rows then come from
    /// `photos.get`, one call each.
    private var daemonHasFullRows = true
    /// Rows seen lately by id, so that a launcher asking for the rows of ids it was just given (GNOME's
    /// GetResultMetas after GetInitialResultSet) costs no round trip. Cleared when it grows past `cacheLimit`.
    private var cache: [Int64: LauncherRow] = [:]
    private static let cacheLimit = 2000

    /// A search against the daemon at `socketPath` (connected on first use).
    package init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// The rows matching `query`, best first, at most `limit`.
    ///
    /// - Throws: `ClientError` when the daemon is not running, `RPCError` when it refuses the query (a
    ///   syntax error names its column).
    package func rows(for query: LauncherQuery, limit: Int = 50) throws -> [LauncherRow] {
        switch query {
        case .empty:
            return []
        case .search(let text):
            return try search(text, limit: limit)
        case .command(let text):
            let ids = try commandIDs(text)
            return try rows(ids: Array(ids.prefix(limit)))
        }
    }

    /// The rows of `ids`, in that order; ids the daemon does not know are left out.
    ///
    /// - Throws: `ClientError` when the daemon is not running.
    package func rows(ids: [Int64]) throws -> [LauncherRow] {
        try ids.compactMap { id in
            if let row = cache[id], row.isComplete { return row }
            do {
                let photo = try withClient { try $0.call(PhotosGet.self, .init(id: id)) }
                return remember(LauncherRow(photo))
            } catch let error as RPCError where error.code == .notFound || error.code == .invalidParams {
                return nil
            }
        }
    }

    /// A web-gallery login URL opening `photo` or the grid on `query`; nil when the gallery is off.
    ///
    /// - Throws: `ClientError` when the daemon is not running.
    package func galleryURL(photo: Int64? = nil, query: String? = nil) throws -> String? {
        do {
            return try withClient { try $0.call(GalleryOpen.self, .init(photo: photo, query: query)) }.url
        } catch let error as RPCError where error.code == .unavailable {
            return nil
        }
    }

    /// `photos.search` with `full` rows, falling back to a `photos.get` per row on a daemon without them.
    private func search(_ text: String, limit: Int) throws -> [LauncherRow] {
        if daemonHasFullRows {
            do {
                let page = try searchPage(text, limit: limit, full: true)
                return page.photos.map { remember(LauncherRow($0)) }
            } catch let error as RPCError where error.code == .invalidParams && error.message.contains("\"full\"") {
                daemonHasFullRows = false
            }
        }
        let page = try searchPage(text, limit: limit, full: nil)
        let scores = Dictionary(page.photos.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
        return try rows(ids: page.photos.map(\.id)).map { row in
            var row = row
            row.score = scores[row.id] ?? nil
            return row
        }
    }

    private func searchPage(_ text: String, limit: Int, full: Bool?) throws -> PhotoPage {
        // Its own params type rather than PhotosSearch.Params, so the `full` member is sent only when asked.
        struct Params: Encodable {
            var query: String
            var limit: Int
            var full: Bool?
        }
        let data = try withClient {
            try $0.callRaw(method: PhotosSearch.method, params: Params(query: text, limit: limit, full: full))
        }
        return try WireCoding.decoder().decode(PhotoPage.self, from: data)
    }

    /// The photos a typed command shows: for `search`, `latest` and `all`, the first ids of its view.
    private func commandIDs(_ text: String) throws -> [Int64] {
        let result = try withClient { try $0.call(AssistantCommand.self, .init(text: text)) }
        guard ["search", "latest", "all"].contains(result.intent.name) else { return [] }
        return result.result?.photos ?? []
    }

    private func remember(_ row: LauncherRow) -> LauncherRow {
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[row.id] = row
        return row
    }

    /// Runs `body` on the connection, reconnecting once when the old one was closed (the daemon restarted).
    private func withClient<T>(_ body: (RPCClient) throws -> T) throws -> T {
        if let client {
            do {
                return try body(client)
            } catch ClientError.disconnected {
                self.client = nil
            }
        }
        let fresh = try RPCClient(socketPath: socketPath)
        client = fresh
        return try body(fresh)
    }
}
