import Foundation
import GailleryRPC
import NIOConcurrencyHelpers

/// One-time login tokens and the browser sessions they open.
///
/// A token (from `gallery.open`) is good once, for `tokenLifetime`; redeeming it opens a session whose
/// random id the browser keeps in an HttpOnly cookie. Each session is one logical RPC connection, so
/// methods that key state by connection see one browser as one client. Replies to `POST /rpc` travel in
/// the HTTP response; anything pushed to a session's connection is discarded (events go over /events).
package final class WebSessions: Sendable {
    /// The cookie that carries the session id.
    package static let cookieName = "gaillery_session"
    /// Sessions kept at most; opening one more closes the least recently used. Large enough that a burst
    /// of logins (a load test opens one per visitor) does not close a session still in use.
    static let maxSessions = 4096
    /// Unredeemed tokens kept at most; issuing one more drops the oldest.
    static let maxTokens = 1024

    private struct State {
        var tokens: [String: ContinuousClock.Instant] = [:]
        /// Each session's connection and the tick of its latest use (opening or a request).
        var sessions: [String: (connection: RPCConnection, used: Int)] = [:]
        var tick = 0
    }

    private let state = NIOLockedValueBox(State())
    private let tokenLifetime: Duration

    /// Sessions with tokens valid for `tokenLifetime`.
    package init(tokenLifetime: Duration) {
        self.tokenLifetime = tokenLifetime
    }

    /// A new single-use token, valid for `tokenLifetime` from now.
    package func issueToken() -> String {
        let token = Self.randomHex()
        let now = ContinuousClock.now
        state.withLockedValue { state in
            state.tokens = state.tokens.filter { $0.value > now }
            if state.tokens.count >= Self.maxTokens, let oldest = state.tokens.min(by: { $0.value < $1.value }) {
                state.tokens.removeValue(forKey: oldest.key)
            }
            state.tokens[token] = now + tokenLifetime
        }
        return token
    }

    /// Redeems `token` (once) and returns the new session's id, or nil when the token is unknown, used
    /// or expired.
    package func redeem(_ token: String) -> String? {
        let now = ContinuousClock.now
        let connection = RPCConnection(sink: .custom(Self.discardingSink))
        let id = Self.randomHex()
        let (opened, evicted) = state.withLockedValue { state -> (Bool, RPCConnection?) in
            guard let expiry = state.tokens.removeValue(forKey: token), expiry > now else { return (false, nil) }
            var evicted: RPCConnection?
            if state.sessions.count >= Self.maxSessions,
                let idlest = state.sessions.min(by: { $0.value.used < $1.value.used })
            {
                evicted = state.sessions.removeValue(forKey: idlest.key)?.connection
            }
            state.tick += 1
            state.sessions[id] = (connection, state.tick)
            return (true, evicted)
        }
        evicted?.closed()
        return opened ? id : nil
    }

    /// The connection of the session `id`, or nil when there is none; marks the session as just used.
    package func connection(session id: String) -> RPCConnection? {
        state.withLockedValue { state in
            guard let connection = state.sessions[id]?.connection else { return nil }
            state.tick += 1
            state.sessions[id]?.used = state.tick
            return connection
        }
    }

    /// The session id in a `Cookie` header's value, or nil.
    static func sessionID(inCookieHeader header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let trimmed = pair.drop { $0 == " " }
            if trimmed.hasPrefix(cookieName + "=") { return String(trimmed.dropFirst(cookieName.count + 1)) }
        }
        return nil
    }

    /// Ends every session (the daemon is stopping).
    package func closeAll() {
        let connections = state.withLockedValue { state in
            defer { state.sessions = [:] }
            return state.sessions.values.map(\.connection)
        }
        for connection in connections { connection.closed() }
    }

    /// 32 random bytes from the system's CSPRNG, as 64 hex digits.
    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        var hex = ""
        hex.reserveCapacity(64)
        for _ in 0..<4 {
            let word = generator.next()
            let digits = String(word, radix: 16)
            hex += String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex
    }

    private static let discardingSink = RPCConnection.CustomSink(
        send: { _ in }, isWritable: { true }, close: {})
}
