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
            // A thumbnail (tens of KB, usually in the page cache) is read in one call where the request runs,
            // which saves the thread pool's two hops; an original, up to --max-upload-bytes, is streamed.
            if kind == .thumbnail, let bytes = Self.readSmallFile(file.path) {
                body = ResponseBody(byteBuffer: bytes)
            } else {
                body = try await fileIO.loadFile(path: file.path, context: context)
            }
        } catch {
            return WebResponses.jsonError(.notFound, "photo \(id)'s \(kind.rawValue) file is missing on disk")
        }
        headers[.contentType] = file.contentType
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The file's bytes when it is at most `smallFileLimit` long, else nil (or when it cannot be read).
    static func readSmallFile(_ path: String) -> ByteBuffer? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size <= smallFileLimit else { return nil }
        let size = Int(info.st_size)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(size)
        let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { raw in
            max(0, Glibc.read(fd, raw.baseAddress, size))
        }
        return read == size ? buffer : nil
    }

    /// Files up to this size (1 MiB) are read in one call.
    static let smallFileLimit = 1 << 20

    /// Whether an `If-None-Match` value (a list of tags, or `*`) names `etag`.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
