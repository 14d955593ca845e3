import Foundation

/// A blocking HTTP/1.1 client over a raw TCP socket to 127.0.0.1, for tests and benchmarks of the web
/// gallery: it sends exactly the headers it is given (a foreign `Host` or `Origin` included), keeps the
/// connection alive between requests, and can upgrade to a WebSocket and read its text frames.
package final class HTTPProbe {
    /// A parsed response.
    package struct Response {
        /// The status code.
        package var status: Int
        /// Header names lower-cased; a repeated header keeps its last value.
        package var headers: [String: String]
        /// The body.
        package var body: Data

        /// The body as UTF-8 text.
        package var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// The port on 127.0.0.1.
    package let port: Int
    private let fd: Int32
    private var pending = Data()

    /// Connects to 127.0.0.1:`port`.
    package init(port: Int) throws {
        self.port = port
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ProbeError("socket() failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ProbeError("cannot connect to 127.0.0.1:\(port): \(reason)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        // A safety net against a hung test, not a timing assertion.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// The `Host` this server expects.
    package var host: String { "127.0.0.1:\(port)" }

    /// Sends one request and reads its response. `headers` go out as given, after `Host` (unless
    /// `headers` has its own) and `Content-Length`.
    package func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: Data = Data()
    ) throws -> Response {
        try send(head(method, path, headers: headers, bodyLength: body.count) + body)
        return try readResponse(method: method)
    }

    /// Upgrades this connection to a WebSocket at `path`; returns the handshake's response (101 when it
    /// was accepted).
    package func upgrade(_ path: String, headers: [(String, String)]) throws -> Response {
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let all =
            [
                ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", key),
                ("Sec-WebSocket-Version", "13"),
            ]
            + headers
        try send(head("GET", path, headers: all, bodyLength: nil))
        return try readResponse(method: "GET", upgrade: true)
    }

    /// The next WebSocket text message from the server (pings are skipped), or nil when it closes.
    package func readTextFrame() throws -> String? {
        while true {
            let header = try take(2)
            let opcode = header[0] & 0x0F
            var length = Int(header[1] & 0x7F)
            if length == 126 {
                length = try take(2).reduce(0) { $0 << 8 | Int($1) }
            } else if length == 127 {
                length = try take(8).reduce(0) { $0 << 8 | Int($1) }
            }
            let payload = try take(length)
            switch opcode {
            case 0x1: return String(decoding: payload, as: UTF8.self)
            case 0x8: return nil
            default: continue
            }
        }
    }

    private func head(_ method: String, _ path: String, headers: [(String, String)], bodyLength: Int?) -> Data {
        var text = "\(method) \(path) HTTP/1.1\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { text += "Host: \(host)\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let bodyLength { text += "Content-Length: \(bodyLength)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private func readResponse(method: String, upgrade: Bool = false) throws -> Response {
        var headBytes = Data()
        while true {
            if let end = pending.range(of: Data("\r\n\r\n".utf8)) {
                headBytes = pending[pending.startIndex..<end.lowerBound]
                pending = Data(pending[end.upperBound...])
                break
            }
            try fill()
        }
        let lines = String(decoding: headBytes, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw ProbeError("not an HTTP response: \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        if upgrade && status == 101 || method == "HEAD" || status == 204 || status == 304 {
            return Response(status: status, headers: headers, body: Data())
        }
        if let length = headers["content-length"].flatMap(Int.init) {
            return Response(status: status, headers: headers, body: try take(length))
        }
        guard headers["transfer-encoding"]?.lowercased() == "chunked" else {
            return Response(status: status, headers: headers, body: Data())
        }
        var body = Data()
        while true {
            let sizeLine = try line()
            guard let size = Int(sizeLine.split(separator: ";")[0], radix: 16) else {
                throw ProbeError("bad chunk size \(sizeLine)")
            }
            if size == 0 {
                while try !line().isEmpty {}
                return Response(status: status, headers: headers, body: body)
            }
            body += try take(size)
            _ = try take(2)
        }
    }

    private func line() throws -> String {
        while true {
            if let end = pending.range(of: Data("\r\n".utf8)) {
                let text = String(decoding: pending[pending.startIndex..<end.lowerBound], as: UTF8.self)
                pending = Data(pending[end.upperBound...])
                return text
            }
            try fill()
        }
    }

    private func take(_ count: Int) throws -> Data {
        while pending.count < count { try fill() }
        let taken = Data(pending.prefix(count))
        pending = Data(pending.dropFirst(count))
        return taken
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let read = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if read < 0, errno == EINTR { return }
        guard read > 0 else {
            throw ProbeError("the server closed the connection (\(String(cString: strerror(errno))))")
        }
        pending.append(contentsOf: chunk[0..<read])
    }

    private func send(_ data: Data) throws {
        var offset = 0
        while offset < data.count {
            let written = data[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw ProbeError("send failed: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }
}

/// A failure of `HTTPProbe`, saying what happened.
package struct ProbeError: Error, CustomStringConvertible {
    /// The message.
    package var description: String

    init(_ description: String) { self.description = description }
}
