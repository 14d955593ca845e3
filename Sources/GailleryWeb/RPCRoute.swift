import Foundation
import GailleryRPC
import Hummingbird

/// `POST /rpc`: one JSON-RPC message (or batch) per request, answered by the socket's own router,
/// the browser session being the connection.
struct RPCRoute: Sendable {
    let router: RPCRouter
    let maxBodyBytes: Int

    /// Adds the route to `router`.
    func register(on httpRouter: Router<WebRequestContext>) {
        httpRouter.post("/rpc") { request, context in await respond(to: request, context: context) }
    }

    func respond(to request: Request, context: WebRequestContext) async -> Response {
        guard let connection = context.session else { return WebResponses.unauthorized(path: "/rpc") }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            return WebResponses.jsonError(
                .unsupportedMediaType, "POST /rpc takes one JSON-RPC message as Content-Type: application/json")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            return WebResponses.jsonError(
                .contentTooLarge,
                "the message exceeds the \(maxBodyBytes)-byte limit (gailleryd's --max-line); send a path instead "
                    + "of inline data, or start gailleryd with a larger --max-line")
        }
        guard let reply = await router.process(line: Data(body.readableBytesView), connection: connection) else {
            return Response(status: .noContent)
        }
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        var status = HTTPResponse.Status.ok
        if let seconds = Self.busyRetryAfter(reply) {
            // A full queue is back-pressure, not a failure: HTTP clients and proxies know 503 with
            // Retry-After, and the JSON-RPC error still rides in the body for the page.
            status = .serviceUnavailable
            headers[.retryAfter] = String(seconds)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply)))
    }

    /// When `reply` is one JSON-RPC error with the busy code (-32003), the whole seconds to wait before
    /// retrying: its `data.retry_after_ms` rounded up, at least 1 (HTTP's `Retry-After` counts whole
    /// seconds); nil for anything else, a batch included (its other replies may have succeeded).
    static func busyRetryAfter(_ reply: Data) -> Int? {
        // Most replies are results: look for the code's digits before parsing anything.
        guard reply.count < 64 * 1024, reply.first == UInt8(ascii: "{"),
            reply.range(of: Data("-32003".utf8)) != nil,
            let message = try? JSONSerialization.jsonObject(with: reply) as? [String: Any],
            let error = message["error"] as? [String: Any], (error["code"] as? NSNumber)?.intValue == -32003
        else { return nil }
        let milliseconds = ((error["data"] as? [String: Any])?["retry_after_ms"] as? NSNumber)?.intValue ?? 1000
        return max(1, (milliseconds + 999) / 1000)
    }
}
