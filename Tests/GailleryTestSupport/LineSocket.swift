import Foundation

/// A blocking client of a line-delimited Unix socket that can send partial lines and raw bytes
/// (`RPCClient` sends whole, well-formed ones).
package final class LineSocket {
    /// The connected descriptor.
    package let fd: Int32
    private var pending = Data()

    /// Connects to the Unix socket at `path`.
    package init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw LineSocketError("socket() failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8.prefix(raw.count - 1))
            raw[min(path.utf8.count, raw.count - 1)] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw LineSocketError("cannot connect to \(path): \(reason)")
        }
        // A safety net against a hung test, not a timing assertion.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Writes all of `text` (no newline added); throws when the peer has closed.
    package func send(_ text: String) throws {
        try send(bytes: Array(text.utf8))
    }

    /// Writes all of `bytes`; throws when the peer has closed.
    package func send(bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw LineSocketError("send failed: \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// The next line without its newline, or nil at end of stream.
    package func readLine() throws -> Data? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[(newline + 1)...])
                return Data(line)
            }
            let count = read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == ECONNRESET { return nil }
            guard count >= 0 else { throw LineSocketError("read failed: \(String(cString: strerror(errno)))") }
            if count == 0 { return nil }
            pending.append(contentsOf: chunk[0..<count])
        }
    }
}

/// A `LineSocket` failure, with the C error text.
package struct LineSocketError: Error, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
}
