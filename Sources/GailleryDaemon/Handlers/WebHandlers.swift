import Foundation
import GailleryProtocol
import GailleryRPC

/// `gallery.open`: gets only a way to make a login URL from the web gallery (nil when it does not listen).
struct WebHandlers: Sendable {
    /// A login URL with a fresh one-time token going on to a path (`/#photo=3`), or nil.
    let loginURL: @Sendable (_ next: String) -> String?
    /// Why there is no gallery, for the error (`--http off`, the port was taken…).
    let unavailableReason: @Sendable () -> String

    /// Adds these methods to `router`.
    func register(on router: inout RPCRouter) {
        router.registerImmediate(GalleryOpen.self) { params, _ in try open(params) }
    }

    /// `gallery.open`.
    func open(_ params: GalleryOpen.Params) throws -> GalleryOpen.Result {
        try Wire.refuseNUL(params.query, field: "query")
        guard let url = loginURL(Self.fragmentPath(photo: params.photo, query: params.query)) else {
            throw RPCError(.unavailable, "the web gallery is not running: \(unavailableReason())")
        }
        return GalleryOpen.Result(url: url)
    }

    /// `/`, `/#photo=ID`, `/#q=QUERY` or `/#q=QUERY&photo=ID`, the query encoded as `encodeURIComponent` does
    /// (the page reads it with `URLSearchParams` or `decodeURIComponent`).
    static func fragmentPath(photo: Int64?, query: String?) -> String {
        var parts: [String] = []
        if let query, !query.isEmpty {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.!~*'()"))
            parts.append("q=" + (query.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
        }
        if let photo { parts.append("photo=\(photo)") }
        return parts.isEmpty ? "/" : "/#" + parts.joined(separator: "&")
    }
}
