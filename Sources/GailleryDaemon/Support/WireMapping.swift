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
    static func limit(_ value: Int?, default defaultValue: Int, maximum: Int) throws -> Int {
        let limit = value ?? defaultValue
        guard (1...maximum).contains(limit) else {
            throw RPCError.invalidParams("params.limit must be between 1 and \(maximum), got \(limit)")
        }
        return limit
    }

    /// A photo id that must be positive.
    static func photoID(_ value: Int64) throws -> PhotoID {
        guard value > 0 else { throw RPCError.invalidParams("params.id must be a positive photo id, got \(value)") }
        return PhotoID(value)
    }

    /// Maps a store failure to its wire error: not found, bad input, or nil for the router to log as
    /// internal. A full disk is "storage full" (`storageFull`). Set once as the router's `mapError`, so
    /// handlers and services throw store errors as they are.
    static func mapped(_ error: any Error, dataDirectory: String) -> RPCError? {
        if let full = storageFull(error, dataDirectory: dataDirectory) { return full }
        guard let storeError = error as? StoreError else { return nil }
        if storeError.isNotFound {
            return RPCError.notFound(storeError.description.replacingOccurrences(of: " does not exist", with: ""))
        }
        if storeError.isInvalidInput { return RPCError.invalidParams("\(storeError)") }
        return nil
    }

    /// The "storage full" (-32010) error for `error` when it means that the disk holding `dataDirectory`
    /// is full (`StoreError.isStorageFull`), nil otherwise, so that every method answers a full disk the
    /// same way: with the free bytes and what to do.
    static func storageFull(_ error: any Error, dataDirectory: String) -> RPCError? {
        guard StoreError.isStorageFull(error) else { return nil }
        let free = StorageSpace(of: dataDirectory)?.freeBytes ?? 0
        return RPCError(
            .storageFull,
            "the disk holding \(dataDirectory) is full (\(byteCount(free)) free), so nothing was stored; "
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
