import Foundation
import GailleryRPC
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOConcurrencyHelpers
import NIOPosix
import ServiceLifecycle

/// The web gallery's HTTP server: one Hummingbird application on its own event loop (so browsers never
/// share a loop with the Unix socket's clients), serving the page, `POST /rpc` through the daemon's
/// router, photo files, and the /events WebSocket, to browsers holding a session cookie.
package final class WebServer: Sendable {
    /// What `daemon.status` reports of the server.
    package struct Status: Sendable {
        /// The gallery's address (`http://HOST:PORT/`, no token).
        package var url: String
        /// Whether the server is accepting connections.
        package var listening: Bool
        /// Why it is not, when it is not.
        package var reason: String?
    }

    private struct State {
        var status: Status
        var task: Task<Void, any Error>?
        var group: ServiceGroup?
    }

    private let configuration: WebConfiguration
    private let router: RPCRouter
    private let photoFiles: PhotoFileLookup
    private let logger: Logger
    private let sessions: WebSessions
    private let guards = RequestGuards()
    private let events: EventsSocket
    private let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let state: NIOLockedValueBox<State>
    /// Set when the server's task has ended.
    private let finished = NIOLockedValueBox(false)

    /// A server for `router` and `photoFiles`; nothing listens until `start`.
    package init(
        configuration: WebConfiguration, router: RPCRouter, photoFiles: @escaping PhotoFileLookup, logger: Logger
    ) {
        self.configuration = configuration
        self.router = router
        self.photoFiles = photoFiles
        self.logger = logger
        sessions = WebSessions(tokenLifetime: configuration.tokenLifetime)
        events = EventsSocket(router: router, guards: guards, sessions: sessions)
        let url = Self.url(host: configuration.host, port: configuration.port)
        state = NIOLockedValueBox(State(status: Status(url: url, listening: false, reason: "not started")))
    }

    /// The server's state for `daemon.status`.
    package var status: Status { state.withLockedValue { $0.status } }

    /// Binds and starts serving. A failure to bind (the port is taken) is logged and reported by
    /// `status`, not thrown: the daemon serves its socket without the gallery.
    package func start() async {
        if !configuration.isLoopback {
            logger.warning(
                "the web gallery listens on a non-loopback address: other machines can reach its login page",
                metadata: ["http": "\(configuration.host):\(configuration.port)"])
        }
        let bound = BindOutcome()
        let app = Application(
            router: makeRouter(),
            server: .http1WebSocketUpgrade { [events] head, channel, _ in events.shouldUpgrade(head, channel: channel)
            },
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in bound.finish(.success(channel.localAddress?.port ?? 0)) },
            eventLoopGroupProvider: .shared(loops), logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let finished = self.finished
        let task = Task {
            defer { finished.withLockedValue { $0 = true } }
            do {
                try await group.run()
                bound.finish(.failure(WebError("the server stopped before it listened")))
            } catch {
                bound.finish(.failure(error))
                throw error
            }
        }
        state.withLockedValue {
            $0.task = task; $0.group = group
        }
        switch await bound.value {
        case .success(let port):
            guards.bound(host: configuration.host, port: port)
            let url = Self.url(host: configuration.host, port: port)
            state.withLockedValue { $0.status = Status(url: url, listening: true) }
            logger.info("web gallery listening", metadata: ["url": "\(url)"])
        case .failure(let error):
            let reason = "cannot listen on \(configuration.host):\(configuration.port): \(error); pass another --http"
            state.withLockedValue { $0.status.reason = reason }
            logger.warning("running without the web gallery", metadata: ["reason": "\(reason)"])
        }
    }

    /// A login URL with a fresh one-time token, going on to `next` (a path such as `/#photo=3`), or nil
    /// when the server is not listening.
    package func loginURL(next: String) -> String? {
        let status = status
        guard status.listening else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let encoded = next.addingPercentEncoding(withAllowedCharacters: allowed) ?? "%2F"
        return status.url + "login?token=" + sessions.issueToken() + "&next=" + encoded
    }

    /// Stops accepting, closes the WebSockets and ends the sessions.
    package func stop() async {
        let (task, group) = state.withLockedValue { state in
            defer { state.status = Status(url: state.status.url, listening: false, reason: "stopped") }
            return (state.task, state.group)
        }
        events.closeAll()
        await group?.triggerGracefulShutdown()
        if let task {
            // A browser that does not answer the WebSocket's close, or keeps a request open, would hold the
            // daemon's exit: after a grace period the server is cancelled, which closes every connection.
            // (Awaiting `task.value` cannot be cancelled, so the grace period polls `finished`.)
            let deadline = ContinuousClock.now + Self.shutdownGrace
            while !finished.withLockedValue({ $0 }), ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            let stopped = finished.withLockedValue { $0 }
            if !stopped {
                events.dropAll()
                task.cancel()
                _ = try? await task.value
            }
        }
        sessions.closeAll()
        try? await loops.shutdownGracefully()
    }

    /// How long `stop` waits for connections to finish before closing them.
    static let shutdownGrace = Duration.seconds(2)

    private func makeRouter() -> Router<WebRequestContext> {
        let router = Router(context: WebRequestContext.self)
        router.middlewares.add(GuardMiddleware(guards: guards, sessions: sessions))
        LoginRoute(sessions: sessions).register(on: router)
        RPCRoute(router: self.router, maxBodyBytes: configuration.maxBodyBytes).register(on: router)
        PhotoFilesRoute(lookup: photoFiles).register(on: router)
        router.get("/events") { _, _ in
            WebResponses.jsonError(
                .forbidden, "GET /events is a WebSocket: it needs an Upgrade and this server's own Origin")
        }
        PageFiles().register(on: router)
        return router
    }

    private static func url(host: String, port: Int) -> String {
        "http://" + (host.contains(":") ? "[\(host)]" : host) + ":\(port)/"
    }
}

/// The first outcome of binding (the port, or why not), awaited once by `start`.
private final class BindOutcome: Sendable {
    private let state = NIOLockedValueBox<
        (Result<Int, any Error>?, CheckedContinuation<Result<Int, any Error>, Never>?)
    >(
        (nil, nil))

    func finish(_ outcome: Result<Int, any Error>) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Result<Int, any Error>, Never>? in
            guard state.0 == nil else { return nil }
            state.0 = outcome
            defer { state.1 = nil }
            return state.1
        }
        waiter?.resume(returning: outcome)
    }

    var value: Result<Int, any Error> {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLockedValue { state -> Result<Int, any Error>? in
                    if state.0 == nil { state.1 = continuation }
                    return state.0
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
