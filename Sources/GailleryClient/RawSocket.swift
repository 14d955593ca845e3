import Foundation

/// Plain POSIX Unix-domain socket calls shared by the client and the server's checks.
package enum RawSocket {
    /// Connects a new stream socket to `path` and returns its descriptor.
    ///
    /// - Throws: `TransportError` with the C error text (e.g. "No such file or directory" when no daemon runs).
    package static func connect(path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TransportError("socket() failed: \(String(cString: strerror(errno)))") }
        var address: sockaddr_un
        do {
            address = try Self.address(path)
        } catch {
            close(fd)
            throw error
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
