import Foundation
import Hummingbird
import Logging

/// `GET /photos/ID/thumbnail` and `GET /photos/ID/original`: a photo's files, tagged with the original's
/// SHA-256 and cached for a year (a photo's files never change); `If-None-Match` gets 304.
struct PhotoFilesRoute: Sendable {
    let lookup: PhotoFileLookup
    let fileIO = FileIO()

    /// Adds the route to `router`.
    func register(on router: Router<WebRequestContext>) {
        router.get("/photos/:id/:kind") { request, context in try await respond(to: request, context: context) }
    }

    func respond(to request: Request, context: WebRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self) else {
            return WebResponses.jsonError(.notFound, "no photo \(context.parameters.get("id") ?? ""); ids are numbers")
        }
        guard let kind = context.parameters.get("kind").flatMap(PhotoFileKind.init(rawValue:)) else {
            return WebResponses.jsonError(.notFound, "photos have /thumbnail and /original only")
        }
        let file: PhotoFile?
        do {
            file = try lookup(id, kind)
        } catch {
            context.logger.error("photo file lookup failed", metadata: ["id": "\(id)", "error": "\(error)"])
            return WebResponses.jsonError(.internalServerError, "photo \(id) could not be looked up: \(error)")
        }
        guard let file else {
            let what = kind == .thumbnail ? "photo \(id) has no thumbnail yet (or does not exist)" : "no photo \(id)"
            return WebResponses.jsonError(.notFound, what)
        }
        let etag = "\"\(file.sha256)\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "private, max-age=31536000, immutable"]
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        let body: ResponseBody
        do {
            body = try await fileIO.loadFile(path: file.path, context: context)
        } catch {
            return WebResponses.jsonError(.notFound, "photo \(id)'s \(kind.rawValue) file is missing on disk")
        }
        headers[.contentType] = file.contentType
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Whether an `If-None-Match` value (a list of tags, or `*`) names `etag`.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
