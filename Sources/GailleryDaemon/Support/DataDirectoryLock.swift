import Foundation

/// An exclusive `flock` on `<data dir>/lock`, held for the daemon's life, so a second daemon on the same
/// data directory exits with a clear message instead of corrupting it. The kernel drops the lock when
/// the process dies, even by kill -9, so a stale lock file never blocks a restart.
package final class DataDirectoryLock: Sendable {
    private let fd: Int32

    /// Takes the lock, creating the directory (private, see `DataDirectoryPermissions`) and lock file if needed.
    ///
    /// - Throws: `DaemonError.startup` naming the pid of the daemon that holds it, or saying why the
    ///   directory cannot be used.
    package init(directory: URL) throws {
        let path = directory.appendingPathComponent("lock").path
        try DataDirectoryPermissions.prepare(directory)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw DaemonError.startup("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(fd, &buffer, buffer.count)
            let holder = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw DaemonError.startup(
                "another gailleryd (pid \(holder.isEmpty ? "unknown" : holder)) is using the data directory "
                    + "\(directory.path); stop it first, or pass a different --data-dir")
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// A daemon-level failure: start-up problems, with a message saying what to do.
package struct DaemonError: Error, CustomStringConvertible {
    package let description: String

    /// A start-up failure (lock held, socket unusable, data directory unusable).
    package static func startup(_ message: String) -> DaemonError { DaemonError(description: message) }
}
