import Hummingbird

/// `GET /login?token=T[&next=/#...]`: exchanges a one-time token for the session cookie.
struct LoginRoute: Sendable {
    let sessions: WebSessions

    /// Adds the route to `router`.
    func register(on router: Router<WebRequestContext>) {
        router.get("/login") { request, _ in respond(to: request) }
    }

    func respond(to request: Request) -> Response {
        let query = request.uri.queryParameters
        guard let token = query["token"].map(String.init), let session = sessions.redeem(token) else {
            return WebResponses.loginPage(
                reason: "This login link is not valid: it was already used, or it is older than two minutes.")
        }
        let cookie = "\(WebSessions.cookieName)=\(session); HttpOnly; SameSite=Strict; Path=/"
        return Response(
            status: .seeOther,
            headers: [
                .location: Self.localPath(query["next"].map(String.init)), .setCookie: cookie,
                .cacheControl: "no-store",
            ])
    }

    /// `next` when it is a path on this server ("/", "/#photo=3"), else "/": never another site.
    static func localPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.contains(where: { $0.isNewline || $0 == "\r" })
        else { return "/" }
        return next
    }
}
