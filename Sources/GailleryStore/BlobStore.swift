import Foundation

/// Originals and thumbnails on disk, content-addressed by SHA-256.
///
/// Layout under the data directory: `originals/ab/<sha256>.<ext>`, `thumbs/ab/<sha256>.jpg`, and `tmp/`
/// for staging. Every file is written to `tmp/`, fsynced, renamed into place, and its directory fsynced,
/// so a file that exists under its final name is complete and durable.
package struct BlobStore: Sendable {
    /// The data directory.
    package let root: URL

    /// Creates the directory layout if missing.
    ///
    /// - Throws: `StoreError` when a directory cannot be created, or a file stands where one belongs.
    package init(root: URL) throws {
        self.root = root
        for sub in ["", "originals", "thumbs", "tmp"] {
            let path = root.appendingPathComponent(sub).path
            if mkdir(path, 0o700) != 0, errno != EEXIST { throw StoreError.io("creating", path: path, errno: errno) }
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw StoreError.invalid(
                    "\(path) is not a directory, so the data directory cannot be used; move that file elsewhere "
                        + "(gailleryd never deletes it) and start again")
            }
        }
    }

    /// Where the original with this digest and extension lives.
    package func originalPath(sha256: String, fileExtension: String) -> String {
        root.path + "/originals/" + sha256.prefix(2) + "/" + sha256 + "." + fileExtension
    }

    /// Where the thumbnail of the original with this digest lives.
    package func thumbnailPath(sha256: String) -> String {
        root.path + "/thumbs/" + sha256.prefix(2) + "/" + sha256 + ".jpg"
    }

    /// A new unique path under `tmp/`.
    package func temporaryPath() -> String {
        root.path + "/tmp/" + UUID().uuidString + ".part"
    }

    /// Moves a complete, fsynced temporary file to `path`, creating its fan-out directory, and fsyncs
    /// the directory so the rename itself is durable.
    ///
    /// - Throws: `StoreError` on any failed system call; the temporary file is removed then.
    package func install(temporary: String, at path: String) throws {
        try install([(temporary, path)])
    }

    /// Moves complete, fsynced temporary files into place in order (an original after its sidecar, so an
    /// original never exists without the sidecar that names it), then fsyncs each distinct directory once.
    ///
    /// - Throws: `StoreError` on any failed system call; the temporary files not yet moved are removed then.
    package func install(_ moves: [(temporary: String, path: String)]) throws {
        var directories: [String] = []
        for (index, move) in moves.enumerated() {
            let directory = (move.path as NSString).deletingLastPathComponent
            do {
                if !directories.contains(directory) {
                    if mkdir(directory, 0o700) != 0, errno != EEXIST {
                        throw StoreError.io("creating", path: directory, errno: errno)
                    }
                    directories.append(directory)
                }
                guard rename(move.temporary, move.path) == 0 else {
                    throw StoreError.io("renaming into", path: move.path, errno: errno)
                }
            } catch {
                for pending in moves[index...] { unlink(pending.temporary) }
                throw error
            }
        }
        for directory in directories { try Self.syncDirectory(directory) }
    }

    /// Writes `bytes` durably at `path` (temp file, fsync, rename, directory fsync).
    package func write(_ bytes: UnsafeRawBufferPointer, at path: String) throws {
        try install(temporary: stageDurably(bytes), at: path)
    }

    /// Writes `bytes` to a new file in `tmp/` and fsyncs it; returns its path, for `install` to move into
    /// place.
    ///
    /// - Throws: `StoreError` on a failed system call; nothing is left in `tmp/` then.
    package func stageDurably(_ bytes: UnsafeRawBufferPointer) throws -> String {
        let temporary = temporaryPath()
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io("creating", path: temporary, errno: errno) }
        defer { close(fd) }
        do {
            try Self.writeAll(fd: fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw StoreError.io("fsyncing", path: temporary, errno: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// Writes several files durably with one round of syncs: every file is written to `tmp/` first, then
    /// each is fsynced, renamed into place, and each distinct directory fsynced once. fsyncs that follow
    /// the first find most of the journal already committed, so a batch costs little more than one file.
    /// When this returns, every file is complete and durable under its name.
    ///
    /// - Throws: `StoreError` on the first failed system call; the temporary files not yet renamed are
    ///   removed then (files already renamed stay, complete).
    package func write(_ files: [(bytes: [UInt8], path: String)]) throws {
        var staged: [(temporary: String, path: String)] = []
        var descriptors: [Int32] = []
        defer {
            for fd in descriptors { close(fd) }
            for file in staged { unlink(file.temporary) }
        }
        for file in files {
            let temporary = temporaryPath()
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw StoreError.io("creating", path: temporary, errno: errno) }
            staged.append((temporary, file.path))
            descriptors.append(fd)
            try file.bytes.withUnsafeBytes { try Self.writeAll(fd: fd, $0, path: temporary) }
        }
        for (fd, file) in zip(descriptors, staged) where fsync(fd) != 0 {
            throw StoreError.io("fsyncing", path: file.temporary, errno: errno)
        }
        var directories: [String] = []
        while let file = staged.first {
            let directory = (file.path as NSString).deletingLastPathComponent
            if mkdir(directory, 0o700) != 0, errno != EEXIST {
                throw StoreError.io("creating", path: directory, errno: errno)
            }
            guard rename(file.temporary, file.path) == 0 else {
                throw StoreError.io("renaming into", path: file.path, errno: errno)
            }
            staged.removeFirst()
            if !directories.contains(directory) { directories.append(directory) }
        }
        for directory in directories { try Self.syncDirectory(directory) }
    }

    /// Removes a file if present (missing files are not an error).
    package func remove(_ path: String) {
        unlink(path)
    }

    /// Deletes leftovers in `tmp/` (from a crash mid-upload). Call only before serving requests.
    package func clearTemporaryFiles() {
        let directory = root.appendingPathComponent("tmp").path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            unlink(directory + "/" + name)
        }
    }

    /// Writes every byte of `bytes` to `fd`, retrying short writes and EINTR.
    static func writeAll(fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw StoreError.io("writing", path: path, errno: errno)
            }
            offset += written
        }
    }

    /// fsyncs a directory so that entries created or renamed in it are durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io("opening", path: path, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.io("fsyncing", path: path, errno: errno) }
    }
}
