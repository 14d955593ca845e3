import Foundation

/// Free and total space of the filesystem holding a directory (the data directory), from `statvfs`.
package struct StorageSpace: Sendable, Equatable {
    /// Bytes an unprivileged process may still write (`f_bavail`: the root reserve is not counted).
    package var freeBytes: Int64
    /// The filesystem's size in bytes.
    package var totalBytes: Int64

    /// Free space is low below this many bytes, or below `lowFraction` of the filesystem when that is
    /// smaller (a small disk is not "low" merely for being small).
    package static let lowBytes: Int64 = 1 << 30
    /// See `lowBytes`.
    package static let lowFraction = 0.05

    package init(freeBytes: Int64, totalBytes: Int64) {
        self.freeBytes = freeBytes
        self.totalBytes = totalBytes
    }

    /// The space of the filesystem holding `path`, or nil when `statvfs` fails (e.g. the path is gone).
    package init?(of path: String) {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        let unit = Int64(info.f_frsize)
        freeBytes = Int64(info.f_bavail) * unit
        totalBytes = Int64(info.f_blocks) * unit
    }

    /// The free bytes under which space is low: 1 GiB or 5 % of the filesystem, whichever is smaller.
    package var lowThreshold: Int64 { min(Self.lowBytes, Int64(Double(totalBytes) * Self.lowFraction)) }

    /// Whether free space is under `lowThreshold`.
    package var isLow: Bool { freeBytes < lowThreshold }
}
