import GRDB
import GailleryCore

/// One row of `photos`.
package struct PhotoRecord: Sendable, Equatable, FetchableRecord {
    package var id: PhotoID
    package var sha256: String
    package var name: String?
    package var format: ImageFormat
    package var byteSize: Int64
    package var width: Int?
    package var height: Int?
    package var orientation: Int?
    /// EXIF DateTimeOriginal as `YYYY-MM-DDTHH:MM:SS` (local time of the camera).
    package var takenAt: String?
    /// Unix seconds.
    package var addedAt: Double
    package var status: PhotoStatus
    package var error: String?
    /// Unix seconds, or nil when not in the trash.
    package var trashedAt: Double?

    /// The columns `init(row:)` reads, for SELECT lists.
    package static let columns =
        "photos.id, sha256, name, format, byte_size, width, height, orientation, taken_at, added_at, status, error, trashed_at"

    package init(row: Row) {
        id = PhotoID(row["id"] as Int64)
        sha256 = row["sha256"]
        name = row["name"]
        format = ImageFormat(rawValue: row["format"]) ?? .jpeg
        byteSize = row["byte_size"]
        width = row["width"]
        height = row["height"]
        orientation = row["orientation"]
        takenAt = row["taken_at"]
        addedAt = row["added_at"]
        status = PhotoStatus(rawValue: row["status"]) ?? .failed
        error = row["error"]
        trashedAt = row["trashed_at"]
    }
}

/// A tag on a photo, from the model or added by hand.
package struct TagRecord: Sendable, Equatable {
    package var tag: String
    package var confidence: Double
    package var source: String
}

/// What storing an upload did.
package struct IngestOutcome: Sendable, Equatable {
    package var id: PhotoID
    package var sha256: String
    /// True when these bytes were already stored (nothing new was written).
    package var duplicate: Bool
    /// True when the duplicate had been in the trash and was taken out of it.
    package var restored: Bool
    package var status: PhotoStatus
    /// The queued ingest job of a new photo (nil for duplicates).
    package var job: JobRecord?
}

/// Photo counts by state.
package struct PhotoCounts: Sendable, Equatable {
    package var total = 0
    package var trashed = 0
    package var queued = 0
    package var processing = 0
    package var done = 0
    package var failed = 0
}
