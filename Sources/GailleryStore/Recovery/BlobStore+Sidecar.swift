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
        try sidecar.encoded().withUnsafeBytes { try stageDurably($0) }
    }

    /// The sidecar of the original with this digest, or nil when it is missing, torn or not a sidecar.
    package func readSidecar(sha256: String) -> PhotoSidecar? {
        guard let data = FileManager.default.contents(atPath: sidecarPath(sha256: sha256)) else { return nil }
        return PhotoSidecar.decode(data, sha256: sha256)
    }

    /// Writes many sidecars (a library from before sidecars, or a rebuild) durably, through the batched
    /// `write(_:)`, a few hundred at a time so that the open descriptors stay bounded.
    ///
    /// - Throws: `StoreError` on a failed system call.
    package func writeSidecarsTogether(_ sidecars: [PhotoSidecar]) throws {
        var start = 0
        while start < sidecars.count {
            let batch = sidecars[start..<min(start + 256, sidecars.count)]
            try write(try batch.map { (bytes: try $0.encoded(), path: sidecarPath(sha256: $0.sha256)) })
            start += batch.count
        }
    }
}
