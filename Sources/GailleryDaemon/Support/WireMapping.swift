import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore

/// Conversions between store records and wire types, and shared parameter checks.
enum Wire {
    /// ISO 8601 UTC with seconds, e.g. `2026-11-29T08:06:00Z`.
    static func timestamp(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }

    /// The list form of a photo (no paths, tags or labels).
    static func info(_ record: PhotoRecord) -> PhotoInfo {
        PhotoInfo(
            id: record.id.rawValue, sha256: record.sha256, name: record.name, format: record.format.rawValue,
            byteSize: record.byteSize, width: record.width, height: record.height, orientation: record.orientation,
            takenAt: record.takenAt, addedAt: timestamp(record.addedAt), status: record.status.rawValue,
            error: record.error, trashedAt: record.trashedAt.map(timestamp))
    }

    /// A page limit: `value` or `defaultValue`, which must lie in 1...`maximum`.
    static func limit(_ value: Int?, default defaultValue: Int, maximum: Int, method: String) throws -> Int {
        let limit = value ?? defaultValue
        guard (1...maximum).contains(limit) else {
            throw RPCError.invalidParams("\(method): params.limit must be between 1 and \(maximum), got \(limit)")
        }
        return limit
    }

    /// A photo id that must be positive.
    static func photoID(_ value: Int64, method: String) throws -> PhotoID {
        guard value > 0 else { throw RPCError.invalidParams("\(method): params.id must be a positive photo id, got \(value)") }
        return PhotoID(value)
    }

    /// Maps a store failure to its wire error: not found, bad input, or internal. A full disk is left
    /// as it is, for the router's one mapping to "storage full" (`storageFull(_:method:dataDirectory:)`).
    static func error(_ error: any Error, method: String) -> any Error {
        guard let storeError = error as? StoreError, !storeError.isStorageFull else { return error }
        if storeError.isNotFound { return RPCError.notFound(storeError.description.replacingOccurrences(of: " does not exist", with: "")) }
        if storeError.isInvalidInput { return RPCError.invalidParams("\(method): \(storeError)") }
        return RPCError(.internalError, "\(method): \(storeError)")
    }

    /// The "storage full" (-32010) error for `error` when it means that the disk holding `dataDirectory`
    /// is full (`StoreError.isStorageFull`), nil otherwise. Registered once on the router, so that every
    /// method answers a full disk the same way: with the free bytes and what to do.
    static func storageFull(_ error: any Error, method: String, dataDirectory: String) -> RPCError? {
        guard StoreError.isStorageFull(error) else { return nil }
        let free = StorageSpace(of: dataDirectory)?.freeBytes ?? 0
        return RPCError(
            .storageFull,
            "\(method): the disk holding \(dataDirectory) is full (\(byteCount(free)) free), so nothing was stored; "
                + "free space on the disk holding \(dataDirectory), then retry",
            data: .object(["free_bytes": .int(free), "path": .string(dataDirectory)]))
    }

    /// A byte count for people: "512 bytes", "3.2 MiB".
    static func byteCount(_ bytes: Int64) -> String {
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
