import Hummingbird

/// Runs before every route: the Host and Origin checks, the session cookie (every path but /login
/// needs one), and the security headers on whatever the route answers, errors included.
struct GuardMiddleware: RouterMiddleware {
    typealias Context = WebRequestContext

    let guards: RequestGuards
    let sessions: WebSessions

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = await answer(request, context: context, next: next)
        for field in WebResponses.securityHeaders { response.headers[field.name] = field.value }
        return response
    }

    private func answer(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async -> Response {
        if let refusal = guards.check(host: request.head.authority, origin: request.headers[.origin]) {
            return WebResponses.refused(refusal)
        }
        var context = context
        let path = request.uri.path
        if path != "/login" {
            let id = WebSessions.sessionID(inCookieHeader: request.headers[.cookie])
            guard let connection = id.flatMap(sessions.connection(session:)) else {
                return WebResponses.unauthorized(path: path)
            }
            context.session = connection
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return WebResponses.jsonError(error.status, error.body ?? error.status.reasonPhrase)
        } catch {
            return WebResponses.jsonError(.internalServerError, "the web server failed: \(error)")
        }
    }
}
