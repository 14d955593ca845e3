import Foundation
import NIOConcurrencyHelpers

/// The checks every request passes before it is served: the `Host` must name this server (DNS
/// rebinding), and an `Origin`, when sent, must be this server's own origin (CSRF, cross-site
/// WebSockets). Pure checks on header values, shared by the HTTP routes and the WebSocket upgrade.
final class RequestGuards: Sendable {
    /// Why a request is refused.
    enum Refusal: Equatable {
        /// 421: the Host is not one of this server's names.
        case misdirected
        /// 403: the Origin is another site's (or missing where it is required).
        case foreignOrigin
    }

    /// The accepted `Host` values, lower-cased: set once the port is known.
    private let hosts = NIOLockedValueBox<Set<String>>([])

    /// Accepts `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT` and the bound `HOST:PORT`.
    func bound(host: String, port: Int) {
        let bound = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let names: Set<String> = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)", bound.lowercased()]
        hosts.withLockedValue { $0 = names }
    }

    /// Checks a request's `Host` (its authority) and `Origin`; `requireOrigin` for WebSocket upgrades.
    func check(host: String?, origin: String?, requireOrigin: Bool = false) -> Refusal? {
        guard let host = host?.lowercased(), hosts.withLockedValue({ $0.contains(host) }) else {
            return .misdirected
        }
        guard let origin else { return requireOrigin ? .foreignOrigin : nil }
        return origin.lowercased() == "http://" + host ? nil : .foreignOrigin
    }
}
