import Foundation

/// Where the daemon listens and how the directory around the socket is secured.
package enum SocketAddressing {
    /// The default socket path: `$XDG_RUNTIME_DIR/gaillery/rpc.sock`, or, when XDG_RUNTIME_DIR is unset,
    /// `/tmp/gaillery-$UID/rpc.sock` (a per-user directory created 0700 and checked to be ours).
    package static func defaultSocketPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String
    {
        if let override = environment["GAILLERY_SOCKET"], !override.isEmpty { return override }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            return runtime + "/gaillery/rpc.sock"
        }
        return "/tmp/gaillery-\(getuid())/rpc.sock"
    }

    /// Creates the socket's parent directory with mode 0700 if missing. An existing directory is never
    /// changed (it may be shared: `/tmp`, a 1777 drop directory): it must be ours or root's, and when
    /// group or others can write to it, it must have the sticky bit, so nobody else can replace the
    /// socket (the socket itself is 0600 and SO_PEERCRED checks every peer).
    ///
    /// - Throws: `TransportError` naming the directory and what to do.
    package static func prepareDirectory(forSocket path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if mkdir(directory, 0o700) == 0 {
            // Ours, just made: tighten it whatever the umask left.
            guard chmod(directory, 0o700) == 0 else {
                let reason = String(cString: strerror(errno))
                throw TransportError("cannot make socket directory \(directory) 0700: \(reason)")
            }
            return
        }
        guard errno == EEXIST else {
            throw TransportError("cannot create socket directory \(directory): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(directory, &info) == 0 else {
            throw TransportError("cannot inspect socket directory \(directory): \(String(cString: strerror(errno)))")
        }
        try checkExisting(directory, info)
    }

    /// Refuses an existing socket directory that someone other than us (or root) could tamper with.
    private static func checkExisting(_ directory: String, _ info: stat) throws {
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw TransportError("\(directory) is not a directory; choose another --socket path")
        }
        guard info.st_uid == getuid() || info.st_uid == 0 else {
            throw TransportError(
                "socket directory \(directory) belongs to uid \(info.st_uid), not to you; choose another --socket path")
        }
        let mode = String(info.st_mode & 0o7777, radix: 8)
        let sticky = info.st_mode & 0o1000 != 0
        if info.st_mode & 0o022 != 0, !sticky {
            throw TransportError(
                "socket directory \(directory) is writable by group or others (mode \(mode)) without the sticky bit, "
                    + "so another user could replace the socket; use a directory only you can write to "
                    + "(chmod go-w \(directory)), or add the sticky bit (chmod +t), or choose another --socket path")
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
