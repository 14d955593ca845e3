import CFileSystem
import Foundation

/// Reads a file a client named without trusting what its metadata says: kernel pseudo-files (procfs,
/// sysfs) report a size of 0 or 4096 and then read gigabytes, or never end, so the limit is enforced on
/// the bytes actually read and pseudo-filesystems are refused before reading.
package enum BoundedReader {
    /// Why a read was refused or stopped; `description` names the path and what to do.
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
        /// Whether the read stopped because the caller cancelled it, rather than because of the file.
        package let cancelled: Bool

        init(_ description: String, cancelled: Bool = false) {
            self.description = description
            self.cancelled = cancelled
        }
    }

    /// The largest first chunk `read` hands over: a caller judges the content from it (magic numbers)
    /// before more is read, so that refusing a non-image costs at most this much copying.
    package static let firstChunkBytes = 64 << 10

    /// Later chunks, in bytes.
    static let chunkBytes = 1 << 20

    /// Kernel pseudo-filesystems whose files are not data (`statfs.f_type`, from linux/magic.h) and
    /// their names for messages. /dev (devtmpfs) reports tmpfs's magic, so it is not here: its device
    /// nodes are refused as not regular files instead.
    private static let pseudoFilesystems: [UInt32: String] = [
        0x9FA0: "procfs", 0x6265_6572: "sysfs", 0x6462_6720: "debugfs", 0x7472_6163: "tracefs",
        0x7363_6673: "securityfs", 0x0027_E0EB: "cgroupfs", 0x6367_7270: "cgroup2fs", 0x6265_6570: "configfs",
        0x6165_676C: "pstorefs", 0xDE5E_81E4: "efivarfs", 0xCAFE_4A11: "bpffs", 0x1CD1: "devpts",
        0x4249_4E4D: "binfmt_misc", 0x6573_5543: "fusectl",
    ]

    /// The name of the kernel pseudo-filesystem (procfs, sysfs, ...) holding the open file `fd`, or nil
    /// when it is on an ordinary file system (or the file system cannot be asked).
    package static func pseudoFilesystem(of fd: Int32) -> String? {
        var info = statfs()
        guard fstatfs(fd, &info) == 0 else { return nil }
        return pseudoFilesystems[UInt32(truncatingIfNeeded: info.f_type)]
    }

    /// The name of the kernel pseudo-filesystem holding `path`, or nil (see `pseudoFilesystem(of:)`).
    package static func pseudoFilesystem(atPath path: String) -> String? {
        var info = statfs()
        guard statfs(path, &info) == 0 else { return nil }
        return pseudoFilesystems[UInt32(truncatingIfNeeded: info.f_type)]
    }

    /// The message for a file on a pseudo-filesystem, shared so that every caller says the same.
    package static func pseudoFileMessage(_ path: String, filesystem: String) -> String {
        "\(path) is on \(filesystem), a kernel pseudo-filesystem whose files are not photos or audio; "
            + "copy the data to a regular file first"
    }

    /// Reads the open file `fd` to its end, handing each chunk to `consume`: the first at most
    /// `firstChunkBytes`, later ones at most 1 MiB.
    ///
    /// - Parameters:
    ///   - path: the file's path, for messages.
    ///   - declaredSize: `st_size` from `fstat`; a file that declares 0 bytes and reads more is refused
    ///     (procfs and sysfs files do that).
    ///   - maxBytes: the most bytes accepted; the read stops once more have come, whatever the file
    ///     declared.
    ///   - limitName: what the limit is called in messages ("upload limit").
    ///   - isCancelled: asked between chunks; when it returns true the read stops.
    /// - Throws: `Failure` when the file is over `maxBytes`, declares 0 bytes but has content, cannot be
    ///   read, or the read was cancelled; whatever `consume` throws.
    package static func readChunks(
        _ fd: Int32, path: String, declaredSize: Int64, maxBytes: Int64, limitName: String,
        isCancelled: () -> Bool = { false }, _ consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        var total: Int64 = 0
        while true {
            if isCancelled() { throw Failure("reading \(path) was cancelled", cancelled: true) }
            let wanted = total == 0 ? firstChunkBytes : chunkBytes
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, wanted) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw Failure("reading \(path) failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return }
            if declaredSize == 0 {
                throw Failure(
                    "\(path) reports a size of 0 bytes but has content, like kernel files in /proc and /sys "
                        + "(or it is still being written); copy the data to a regular file first")
            }
            total += Int64(count)
            guard total <= maxBytes else {
                throw Failure(
                    "\(path) is over the \(maxBytes)-byte \(limitName) (more than \(total) bytes read, "
                        + "\(declaredSize) declared)")
            }
            try chunk.withUnsafeBytes { try consume(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}
