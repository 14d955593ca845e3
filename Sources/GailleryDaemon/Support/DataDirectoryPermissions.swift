import Foundation

/// Makes the data directory private before anything is written to it: photos, their index and the
/// speaker models are personal, so the directory is 0700 and the files in it 0600, whoever created them.
enum DataDirectoryPermissions {
    /// Creates `directory` (0700, parents as needed) or checks an existing one and tightens it and the
    /// entries at its top level (files 0600, directories 0700).
    ///
    /// - Throws: `DaemonError.startup` when the path is not a directory, belongs to another user, or is a
    ///   shared directory (writable by others, such as /tmp), with what to pass instead.
    static func prepare(_ directory: URL) throws {
        let path = directory.path
        var info = stat()
        if lstat(path, &info) != 0 {
            guard errno == ENOENT else {
                throw failure(path, "cannot be inspected: \(String(cString: strerror(errno)))")
            }
            do {
                try FileManager.default.createDirectory(
                    at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw failure(
                    path,
                    "cannot be created: its parent \(directory.deletingLastPathComponent().path) "
                        + "cannot be made (\((error as NSError).localizedFailureReason ?? error.localizedDescription))")
            }
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
                throw failure(path, "cannot be created: \(String(cString: strerror(errno)))")
            }
            guard lstat(path, &info) == 0 else { throw failure(path, "vanished while being created") }
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw failure(path, "is not a directory; pass --data-dir a directory (it is created if missing)")
        }
        guard info.st_uid == getuid() else {
            throw failure(
                path, "belongs to user \(info.st_uid), not to you (\(getuid())); pass a directory of your own")
        }
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0, info.st_mode & S_ISVTX != 0 {
            throw failure(
                path,
                "is a shared directory (writable by others, like /tmp); pass a directory of your own inside it, "
                    + "e.g. \(path)/gaillery")
        }
        if info.st_mode & 0o077 != 0, chmod(path, 0o700) != 0 {
            throw failure(path, "cannot be made private (chmod 0700): \(String(cString: strerror(errno)))")
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            var entry = stat()
            let child = path + "/" + name
            guard lstat(child, &entry) == 0, entry.st_uid == getuid(), entry.st_mode & 0o077 != 0 else { continue }
            switch entry.st_mode & S_IFMT {
            case S_IFDIR: chmod(child, 0o700)
            case S_IFREG: chmod(child, 0o600)
            default: break
            }
        }
    }

    private static func failure(_ path: String, _ problem: String) -> DaemonError {
        .startup("the data directory \(path) \(problem)")
    }
}
