import Foundation

extension BlobStore {
    /// Where the sidecar of the original with this digest lives: beside it, `originals/ab/<sha256>.json`.
    package func sidecarPath(sha256: String) -> String {
        root.path + "/originals/" + sha256.prefix(2) + "/" + sha256 + ".json"
    }

    /// Writes a sidecar durably (temporary file, fsync, rename, directory fsync).
    ///
    /// - Throws: `StoreError` on a failed system call.
    package func writeSidecar(_ sidecar: PhotoSidecar) throws {
        try sidecar.encoded().withUnsafeBytes { try write($0, at: sidecarPath(sha256: sidecar.sha256)) }
    }

    /// Writes a sidecar to a fsynced temporary file, to be renamed into place with its original by
    /// `install(_:)`; returns the temporary path.
    ///
    /// - Throws: `StoreError` on a failed system call; nothing is left in `tmp/` then.
    package func stageSidecar(_ sidecar: PhotoSidecar) throws -> String {
        let temporary = temporaryPath()
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io("creating", path: temporary, errno: errno) }
        defer { close(fd) }
        do {
            try sidecar.encoded().withUnsafeBytes { try Self.writeAll(fd: fd, $0, path: temporary) }
            guard fsync(fd) == 0 else { throw StoreError.io("fsyncing", path: temporary, errno: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        return temporary
    }

    /// The sidecar of the original with this digest, or nil when it is missing, torn or not a sidecar.
    package func readSidecar(sha256: String) -> PhotoSidecar? {
        guard let data = FileManager.default.contents(atPath: sidecarPath(sha256: sha256)) else { return nil }
        return PhotoSidecar.decode(data, sha256: sha256)
    }

    /// Writes many sidecars (a library from before sidecars, or a rebuild) with one `sync` for all of
    /// them instead of two fsyncs each: each is written to `tmp/` and renamed into place, then the file
    /// system is synced once. A crash before that leaves some unwritten or torn, which readers ignore and
    /// the next start writes again.
    ///
    /// - Throws: `StoreError` on a failed system call.
    package func writeSidecarsTogether(_ sidecars: [PhotoSidecar]) throws {
        guard !sidecars.isEmpty else { return }
        for sidecar in sidecars {
            let temporary = temporaryPath()
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw StoreError.io("creating", path: temporary, errno: errno) }
            do {
                try sidecar.encoded().withUnsafeBytes { try Self.writeAll(fd: fd, $0, path: temporary) }
                close(fd)
            } catch {
                close(fd)
                unlink(temporary)
                throw error
            }
            let path = sidecarPath(sha256: sidecar.sha256)
            let directory = (path as NSString).deletingLastPathComponent
            if mkdir(directory, 0o700) != 0, errno != EEXIST {
                unlink(temporary)
                throw StoreError.io("creating", path: directory, errno: errno)
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw StoreError.io("renaming into", path: path, errno: code)
            }
        }
        // syncfs(2) would sync only this file system, but it is a GNU extension that does not import.
        sync()
    }
}
