import Foundation
import GailleryRPC
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// `GET /events`: a WebSocket that carries every event `events.subscribe` sends, one JSON-RPC
/// notification per text frame. The socket is an `RPCConnection` subscribed through the router like any
/// socket client, so the event hub needs nothing web-specific; a text frame holding a JSON-RPC request
/// is answered on the socket too.
///
/// Events are queued for the writer up to `queueLimit`; past it the connection reports itself not
/// writable and the hub drops events for it (it sends `events.dropped` later), as for a slow socket client.
final class EventsSocket: Sendable {
    /// Lines queued for one WebSocket before its events are dropped.
    static let queueLimit = 1024
    /// The largest message a client may send (a JSON-RPC request), in bytes.
    static let maxInboundMessage = 1 << 20

    private let router: RPCRouter
    private let guards: RequestGuards
    private let sessions: WebSessions
    private let open = NIOLockedValueBox([Int: (connection: RPCConnection, channel: any Channel)]())

    init(router: RPCRouter, guards: RequestGuards, sessions: WebSessions) {
        self.router = router
        self.guards = guards
        self.sessions = sessions
    }

    /// Decides an upgrade from the request head: the path is /events, Host and Origin (required) pass and
    /// the session cookie is valid. Anything else goes on to the HTTP routes, which answer it (401, 403…).
    func shouldUpgrade(_ head: HTTPRequest, channel: any Channel) -> ShouldUpgradeResult<
        WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>
    > {
        guard head.path?.split(separator: "?").first == "/events",
            guards.check(host: head.authority, origin: head.headerFields[.origin], requireOrigin: true) == nil,
            WebSessions.sessionID(inCookieHeader: head.headerFields[.cookie]).flatMap(sessions.connection(session:))
                != nil
        else { return .dontUpgrade }
        return .upgrade(WebResponses.securityHeaders) { [self] inbound, outbound, context in
            await serve(inbound, outbound, channel: channel, logger: context.logger)
        }
    }

    /// Closes every open WebSocket (the daemon is stopping): a close frame, which the browser answers.
    func closeAll() {
        for socket in open.withLockedValue({ Array($0.values) }) { socket.connection.close() }
    }

    /// Closes every open WebSocket's TCP connection at once (for browsers that did not answer `closeAll`).
    func dropAll() {
        for socket in open.withLockedValue({ Array($0.values) }) { socket.channel.close(promise: nil) }
    }

    private func serve(
        _ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, channel: any Channel, logger: Logger
    ) async {
        let (lines, continuation) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
        let queued = NIOLockedValueBox(0)
        let connection = RPCConnection(
            sink: .custom(
                RPCConnection.CustomSink(
                    send: { line in
                        queued.withLockedValue { $0 += 1 }
                        continuation.yield(line)
                    },
                    isWritable: { queued.withLockedValue { $0 } < Self.queueLimit },
                    close: { continuation.finish() })))
        open.withLockedValue { $0[connection.id] = (connection, channel) }
        defer {
            open.withLockedValue { _ = $0.removeValue(forKey: connection.id) }
            continuation.finish()
            connection.closed()
        }
        _ = await router.process(line: Data(Self.subscribeAll.utf8), connection: connection)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await line in lines {
                    queued.withLockedValue { $0 -= 1 }
                    do {
                        try await outbound.write(.text(String(decoding: line, as: UTF8.self)))
                    } catch {
                        break
                    }
                }
                try? await outbound.close(.goingAway, reason: "gailleryd is stopping")
            }
            do {
                for try await message in inbound.messages(maxSize: Self.maxInboundMessage) {
                    guard case .text(let text) = message else { continue }
                    if let reply = await router.process(line: Data(text.utf8), connection: connection) {
                        connection.send(line: reply)
                    }
                }
            } catch {
                logger.debug("events socket ended", metadata: ["error": "\(error)"])
            }
            continuation.finish()
        }
    }

    /// What the socket's connection sends the router on opening: every topic.
    private static let subscribeAll = #"{"jsonrpc":"2.0","id":0,"method":"events.subscribe"}"#
}
