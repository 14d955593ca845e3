import Foundation

/// An incoming original copied into `tmp/` and fsynced, with its digest and first bytes, ready to be
/// installed under its content address or discarded.
package struct StagedFile: Sendable {
    /// The temporary file.
    package let temporaryPath: String
    /// SHA-256 of the content, 64 lowercase hex digits.
    package let sha256: String
    /// Size in bytes.
    package let byteCount: Int64
    /// The first bytes (up to 64 KiB), for format detection and header probing.
    package let head: [UInt8]
}

extension BlobStore {
    /// How a path failed to be staged; mapped by the daemon to "file access" errors.
    package struct SourceError: Error, CustomStringConvertible {
        package let description: String
    }

    /// Copies the regular file at `path` into `tmp/`, hashing as it goes, and fsyncs the copy.
    ///
    /// The file is opened without blocking and checked to be a regular file through its descriptor, so
    /// FIFOs, devices, sockets and directories are refused rather than read.
    ///
    /// - Throws: `SourceError` when the source is missing, unreadable, not a regular file or over
    ///   `maxBytes`; `StoreError` when writing the copy fails.
    package func stage(contentsOf path: String, maxBytes: Int64) throws -> StagedFile {
        let source = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard source >= 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno)).lowercased()
            throw SourceError(description: "cannot read \(path): \(reason)")
        }
        defer { close(source) }
        var info = stat()
        guard fstat(source, &info) == 0 else {
            throw SourceError(description: "cannot inspect \(path): \(String(cString: strerror(errno)))")
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what = kind == S_IFDIR ? "a directory (use photos.import for directories)" : "not a regular file"
            throw SourceError(description: "\(path) is \(what)")
        }
        guard info.st_size <= maxBytes else {
            throw SourceError(description: "\(path) is \(info.st_size) bytes, over the \(maxBytes)-byte upload limit")
        }
        _ = fcntl(source, F_SETFL, O_RDONLY)
        return try stage { sink in
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else {
                    throw SourceError(description: "reading \(path) failed: \(String(cString: strerror(errno)))")
                }
                if count == 0 { return }
                try chunk.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            }
        }
    }

    /// Writes `bytes` into `tmp/`, hashing them, and fsyncs the copy.
    package func stage(bytes: [UInt8]) throws -> StagedFile {
        try stage { sink in try bytes.withUnsafeBytes { try sink($0) } }
    }

    private func stage(
        _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> StagedFile {
        let temporary = temporaryPath()
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.io("creating", path: temporary, errno: errno) }
        var hasher = SHA256Hasher()
        var head = [UInt8]()
        var total: Int64 = 0
        do {
            try produce { bytes in
                hasher.update(bytes)
                if head.count < 65536 { head.append(contentsOf: bytes.prefix(65536 - head.count)) }
                total += Int64(bytes.count)
                try Self.writeAll(fd: fd, bytes, path: temporary)
            }
            guard fsync(fd) == 0 else { throw StoreError.io("fsyncing", path: temporary, errno: errno) }
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        return StagedFile(temporaryPath: temporary, sha256: hasher.finalizeHex(), byteCount: total, head: head)
    }
}
