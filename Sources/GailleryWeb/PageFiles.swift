import Foundation
import Hummingbird

/// `GET /` and `GET /<file>`: the page's HTML, CSS and JavaScript modules, from this module's bundle
/// (`Page/`), revalidated on every load (`no-cache`) so a new daemon's page replaces the old one.
struct PageFiles: Sendable {
    /// The page directory inside the resource bundle, or nil when the bundle has none.
    let directory: String?
    let fileIO = FileIO()

    init() {
        directory = Bundle.module.resourceURL?.appendingPathComponent("Page").path
    }

    /// Adds the routes to `router`: `/` and any file path below it.
    func register(on router: Router<WebRequestContext>) {
        router.get("/") { _, context in try await respond(path: "index.html", context: context) }
        router.get("/**") { request, context in
            try await respond(path: String(request.uri.path.dropFirst()), context: context)
        }
    }

    func respond(path: String, context: WebRequestContext) async throws -> Response {
        guard let directory, Self.isSafe(path), let type = Self.contentType(of: path) else {
            return WebResponses.jsonError(.notFound, "no page file /\(path)")
        }
        let body: ResponseBody
        do {
            body = try await fileIO.loadFile(path: directory + "/" + path, context: context)
        } catch {
            return WebResponses.jsonError(.notFound, "no page file /\(path)")
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: body)
    }

    /// A relative path of plain names: no `..`, no hidden files, no odd characters.
    static func isSafe(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        return !components.isEmpty
            && components.allSatisfy { component in
                !component.isEmpty && component.first != "."
                    && component.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
            }
    }

    /// The Content-Type served for a page file, by its extension (nil: not served).
    static func contentType(of path: String) -> String? {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) {
        case "html": "text/html; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "ico": "image/x-icon"
        case "wav": "audio/wav"
        case "txt": "text/plain; charset=utf-8"
        default: nil
        }
    }
}
