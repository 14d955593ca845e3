import Foundation
import Hummingbird

/// The responses every route shares: the security headers, JSON errors and the "log in" page.
enum WebResponses {
    /// Sent on every response: no sniffing, a same-origin-only content policy, no referrer.
    static let securityHeaders: HTTPFields = [
        .xContentTypeOptions: "nosniff",
        .contentSecurityPolicy:
            "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'",
        HTTPFields.Element.Name("Referrer-Policy")!: "no-referrer",
    ]

    /// `{"error": message}` with `status`.
    static func jsonError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: ["error": message])) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The small page telling the person to log in again with `gaillery open`.
    static func loginPage(_ status: HTTPResponse.Status = .unauthorized, reason: String) -> Response {
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Gaillery: log in</title></head>
            <body><main><h1>Gaillery</h1><p>\(reason)</p>
            <p>Run <code>gaillery open</code> in a terminal to open the gallery with a fresh login link.</p>
            </main></body></html>

            """
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// 401 as the path expects it: JSON for the API (/rpc, /photos, /events), the page for the rest.
    static func unauthorized(path: String) -> Response {
        let reason = "This browser has no gaillery session (or it ended when gailleryd restarted)."
        if path == "/rpc" || path.hasPrefix("/photos/") || path == "/events" {
            return jsonError(.unauthorized, reason + " Run `gaillery open` for a fresh login link.")
        }
        return loginPage(reason: reason)
    }

    /// The response for a refused Host or Origin.
    static func refused(_ refusal: RequestGuards.Refusal) -> Response {
        switch refusal {
        case .misdirected:
            jsonError(
                .misdirectedRequest,
                "this server answers only to 127.0.0.1, localhost or [::1] with its own port (Host checked "
                    + "against DNS rebinding)")
        case .foreignOrigin:
            jsonError(.forbidden, "requests from another site's page are refused (Origin must be this server)")
        }
    }
}
