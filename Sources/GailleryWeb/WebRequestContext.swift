import GailleryRPC
import Hummingbird

/// The per-request context: Hummingbird's core storage plus the session the guard found.
struct WebRequestContext: RequestContext {
    /// Hummingbird's own per-request state.
    var coreContext: CoreRequestContextStorage
    /// The request's session (its RPC connection), set by `GuardMiddleware` for every route but /login.
    var session: RPCConnection?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
