import Foundation

/// Plain POSIX Unix-domain socket calls shared by the client and the server's checks.
package enum RawSocket {
    /// Connects a new stream socket to `path` and returns its descriptor.
    ///
    /// - Throws: `TransportError` with the C error text (e.g. "No such file or directory" when no daemon runs).
    package static func connect(path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TransportError("socket() failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else {
            close(fd)
            throw TransportError("socket path \(path) is longer than \(capacity - 1) bytes; choose a shorter one")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw TransportError("cannot connect to \(path): \(String(cString: strerror(code)))")
        }
        return fd
    }
}
