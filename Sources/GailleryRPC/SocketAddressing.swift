import Foundation

/// Where the daemon listens and how the directory around the socket is secured.
package enum SocketAddressing {
    /// The default socket path: `$XDG_RUNTIME_DIR/gaillery/rpc.sock`, or, when XDG_RUNTIME_DIR is unset,
    /// `/tmp/gaillery-$UID/rpc.sock` (a per-user directory created 0700 and checked to be ours).
    package static func defaultSocketPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let override = environment["GAILLERY_SOCKET"], !override.isEmpty { return override }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return runtime + "/gaillery/rpc.sock"
        }
        return "/tmp/gaillery-\(getuid())/rpc.sock"
    }

    /// Creates the socket's parent directory with mode 0700 if missing, and refuses one that belongs to
    /// another user or that group or others can enter.
    ///
    /// - Throws: `TransportError` naming the directory and what to do.
    package static func prepareDirectory(forSocket path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw TransportError("cannot create socket directory \(directory): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(directory, &info) == 0 else {
            throw TransportError("cannot inspect socket directory \(directory): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw TransportError("\(directory) is not a directory; choose another --socket path")
        }
        guard info.st_uid == getuid() else {
            throw TransportError("socket directory \(directory) belongs to uid \(info.st_uid), not to you; choose another --socket path")
        }
        if info.st_mode & 0o077 != 0 {
            guard chmod(directory, 0o700) == 0 else {
                throw TransportError("socket directory \(directory) is accessible to others and cannot be made 0700")
            }
        }
    }

    /// Whether a daemon is accepting connections on `path` (a stale socket file refuses them).
    package static func isLive(socket path: String) -> Bool {
        guard let fd = try? RawSocket.connect(path: path) else { return false }
        close(fd)
        return true
    }
}

/// A transport set-up failure, with a message that says what to do.
package struct TransportError: Error, CustomStringConvertible {
    package let description: String

    package init(_ description: String) { self.description = description }
}
