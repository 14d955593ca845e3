import Foundation
import GailleryCore

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
        /// Whether the copy stopped because the caller cancelled it, rather than because of the file.
        package var cancelled = false
    }

    /// Copies the regular file at `path` into `tmp/`, hashing as it goes, and fsyncs the copy.
    ///
    /// The file is opened without blocking and checked to be a regular file through its descriptor, so
    /// FIFOs, devices, sockets and directories are refused rather than read; so are files on kernel
    /// pseudo-filesystems (procfs, sysfs). `maxBytes` holds for the bytes actually read, not the size the
    /// file declares. `accept` judges the first bytes (at most `BoundedReader.firstChunkBytes`, at least
    /// `MediaKind.sniffLength` unless the file is shorter) before anything more is copied.
    ///
    /// - Parameters:
    ///   - accept: throws to refuse the content from its first bytes.
    ///   - isCancelled: asked between chunks; when it returns true the copy stops.
    /// - Throws: `SourceError` when the source is missing, unreadable, not a regular file, on a
    ///   pseudo-filesystem or over `maxBytes`, or the copy was cancelled; what `accept` throws;
    ///   `StoreError` when writing the copy fails. Nothing is left in `tmp/` then.
    package func stage(
        contentsOf path: String, maxBytes: Int64, accept: ([UInt8]) throws -> Void = { _ in },
        isCancelled: () -> Bool = { false }
    ) throws -> StagedFile {
        let source = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard source >= 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno)).lowercased()
            throw SourceError(description: "cannot read \(path): \(reason)")
        }
        defer { close(source) }
        return try stage(openFile: source, label: path, maxBytes: maxBytes, accept: accept, isCancelled: isCancelled)
    }

    /// Copies the open file `source` into `tmp/` as `stage(contentsOf:)` copies a path, with the same
    /// checks made through the descriptor (a file a client passed: it may be a FIFO, a directory, a
    /// procfs file or write-only). It is read from its start; the caller keeps and closes it.
    ///
    /// - Parameter label: what messages call the file (its path or name).
    /// - Throws: as `stage(contentsOf:)`.
    package func stage(
        openFile source: Int32, label path: String, maxBytes: Int64, accept: ([UInt8]) throws -> Void = { _ in },
        isCancelled: () -> Bool = { false }
    ) throws -> StagedFile {
        guard fcntl(source, F_GETFL) & O_ACCMODE != O_WRONLY else {
            throw SourceError(description: "\(path) was opened for writing only; open it for reading")
        }
        var info = stat()
        guard fstat(source, &info) == 0 else {
            throw SourceError(description: "cannot inspect \(path): \(String(cString: strerror(errno)))")
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what = kind == S_IFDIR ? "a directory (use photos.import for directories)" : "not a regular file"
            throw SourceError(description: "\(path) is \(what)")
        }
        if let filesystem = BoundedReader.pseudoFilesystem(of: source) {
            throw SourceError(description: BoundedReader.pseudoFileMessage(path, filesystem: filesystem))
        }
        guard info.st_size <= maxBytes else {
            throw SourceError(description: "\(path) is \(info.st_size) bytes, over the \(maxBytes)-byte upload limit")
        }
        _ = fcntl(source, F_SETFL, O_RDONLY)
        // A passed descriptor may have been read from already; a regular file can be read from its start.
        _ = lseek(source, 0, SEEK_SET)
        return try stage { sink in
            var head: [UInt8]? = []
            do {
                try BoundedReader.readChunks(
                    source, path: path, declaredSize: Int64(info.st_size), maxBytes: maxBytes,
                    limitName: "upload limit", isCancelled: isCancelled
                ) { bytes in
                    if var sniffed = head {
                        sniffed.append(contentsOf: bytes.prefix(MediaKind.sniffLength - sniffed.count))
                        head = sniffed.count < MediaKind.sniffLength ? sniffed : nil
                        if head == nil { try accept(sniffed) }
                    }
                    try sink(bytes)
                }
            } catch let failure as BoundedReader.Failure {
                throw SourceError(description: failure.description, cancelled: failure.cancelled)
            }
            // Shorter than the sniff window: judged whole.
            if let head { try accept(head) }
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
