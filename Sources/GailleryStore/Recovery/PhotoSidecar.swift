import Foundation
import GRDB
import GailleryCore

/// What a user gave or typed about one photo, kept beside its original as `originals/ab/<sha256>.json`.
///
/// The index is derived from the originals; the sidecar holds the few things that cannot be derived from
/// the bytes (the name the photo came with, when it was added, the tags a person typed, whether it is in
/// the trash), so that a lost, emptied or older index is rebuilt without losing any of them. It is
/// rewritten, durably, in the same index transaction that changes one of its fields.
package struct PhotoSidecar: Codable, Sendable, Equatable {
    /// The format version; readers refuse versions they do not know rather than misread them.
    package var version: Int
    /// The original's SHA-256 (its content address).
    package var sha256: String
    /// The name the photo was uploaded or imported with.
    package var name: String?
    /// When it was first added, seconds since 1970.
    package var addedAt: Double
    /// The manual tags, canonical, sorted.
    package var tags: [String]
    /// When it was moved to the trash, seconds since 1970; nil when it is not in the trash.
    package var trashedAt: Double?
    /// The directory import that added it, so that an import resumed after a crash counts an original
    /// that recovery indexed again as its own addition rather than as a duplicate.
    package var importID: Int64?

    /// The version this build writes.
    package static let currentVersion = 1

    /// A sidecar of the current version.
    package init(
        sha256: String, name: String?, addedAt: Double, tags: [String] = [], trashedAt: Double? = nil,
        importID: Int64? = nil
    ) {
        self.version = Self.currentVersion
        self.sha256 = sha256
        self.name = name
        self.addedAt = addedAt
        self.tags = tags.sorted()
        self.trashedAt = trashedAt
        self.importID = importID
    }

    private enum CodingKeys: String, CodingKey {
        case version, sha256, name, tags
        case addedAt = "added_at"
        case trashedAt = "trashed_at"
        case importID = "import_id"
    }

    /// The sidecar as one line of JSON.
    package func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    /// Parses a sidecar; nil when the bytes are not a sidecar of a known version for `sha256` (a torn or
    /// foreign file is ignored, never trusted).
    package static func decode(_ bytes: Data, sha256: String) -> PhotoSidecar? {
        guard let sidecar = try? JSONDecoder().decode(PhotoSidecar.self, from: bytes),
            sidecar.version == currentVersion, sidecar.sha256 == sha256
        else { return nil }
        return sidecar
    }
}

extension PhotoStore {
    /// Rewrites the sidecar of photo `id` from its index row, inside the caller's write transaction, so
    /// the file and the index change together (a failed write rolls the transaction back).
    ///
    /// - Throws: `StoreError` when the sidecar cannot be written (a full disk among others).
    static func writeSidecar(of id: PhotoID, db: Database, blobs: BlobStore) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT sha256, name, added_at, trashed_at FROM photos WHERE id = ?", arguments: [id.rawValue])
        else { return }
        let tags = try String.fetchAll(
            db, sql: "SELECT tag FROM photo_tags WHERE photo_id = ? AND source = 'manual'", arguments: [id.rawValue])
        let importID = try Int64.fetchOne(
            db, sql: "SELECT import_id FROM import_photos WHERE photo_id = ? LIMIT 1", arguments: [id.rawValue])
        let sidecar = PhotoSidecar(
            sha256: row["sha256"], name: row["name"], addedAt: row["added_at"], tags: tags,
            trashedAt: row["trashed_at"], importID: importID)
        try blobs.writeSidecar(sidecar)
    }
}
