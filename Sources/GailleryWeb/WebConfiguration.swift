import Foundation

/// How the web gallery listens and what it may accept.
package struct WebConfiguration: Sendable {
    /// The address to bind: a loopback address unless the user asked for another.
    package var host: String
    /// The port to bind; 0 picks a free one (tests).
    package var port: Int
    /// The largest `POST /rpc` body, in bytes: the socket's longest line.
    package var maxBodyBytes: Int
    /// How long a login token from `gallery.open` stays valid.
    package var tokenLifetime: Duration = .seconds(120)

    /// A configuration for `host:port` accepting bodies up to `maxBodyBytes`.
    package init(host: String, port: Int, maxBodyBytes: Int) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
    }

    /// Parses `--http`'s value: `HOST:PORT`, `[V6]:PORT`, or `off` (nil).
    ///
    /// - Throws: `WebError` naming the expected form when the value is not one of these.
    package static func parse(_ value: String, maxBodyBytes: Int) throws -> WebConfiguration? {
        if value == "off" { return nil }
        guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw WebError("--http \(value) is not HOST:PORT (e.g. 127.0.0.1:8765) or off")
        }
        var host = String(value[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw WebError("--http \(value) has no host; use 127.0.0.1:\(port)") }
        return WebConfiguration(host: host, port: port, maxBodyBytes: maxBodyBytes)
    }

    /// Whether `host` is a loopback address (127.0.0.0/8, ::1 or localhost).
    package var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// An error of the web gallery's set-up, saying what is wrong and what to do.
package struct WebError: Error, CustomStringConvertible {
    /// The message.
    package var description: String

    /// An error with this message.
    package init(_ description: String) { self.description = description }
}
