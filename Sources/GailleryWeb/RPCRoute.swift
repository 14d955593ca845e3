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
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply)))
    }
}
