import Foundation
import GRDB
import GailleryCore

/// What start-up recovery found and did (see `PhotoStore.recover`).
package struct RecoveryReport: Sendable, Equatable {
    /// Originals the index did not list, indexed again as queued photos (decoded and classified anew).
    package var recovered = 0
    /// Of those, how many had no readable sidecar: their name, manual tags and trash state are unknown.
    package var recoveredWithoutSidecar = 0
    /// Index rows whose original is missing; they are marked failed, with the path to put it back at.
    package var missingOriginals = 0
    /// Photos marked failed as missing at an earlier start whose original is back (queued again).
    package var returned = 0
    /// Sidecars written for photos that had none (libraries from before sidecars existed).
    package var sidecarsWritten = 0
    /// Derived files removed: thumbnails and sidecars of originals that are gone, temporary files.
    package var removedDerived = 0

    package init() {}
}

extension PhotoStore {
    /// The start of the `error` of a photo whose original is missing; recovery finds them by it.
    package static let missingOriginalError = "original missing"

    /// Makes the index agree with the originals on disk. Call only at start-up, before serving requests.
    ///
    /// Originals are the truth and the index is derived from them, so nothing the user gave is removed:
    /// - an original the index does not list (an index deleted, emptied, or restored from an older
    ///   backup) is indexed again from its sidecar (name, added date, manual tags, trash state) with a
    ///   queued ingest job, so it is decoded and classified anew;
    /// - a row whose original is missing is marked failed with the path to put the file back at, and
    ///   queued again at a later start once the file is there;
    /// - only derived files go: temporary files, thumbnails and sidecars whose original and row are gone.
    ///
    /// - Throws: `StoreError` when the index cannot be read or written, or a sidecar cannot be written.
    package func recover() throws -> RecoveryReport {
        var report = RecoveryReport()
        blobs.clearTemporaryFiles()
        let scan = scanOriginals()
        let known = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, sha256, format, status, error FROM photos").map { row in
                KnownPhoto(
                    id: PhotoID(row["id"] as Int64), sha256: row["sha256"],
                    format: ImageFormat(rawValue: row["format"]) ?? .jpeg, status: row["status"], error: row["error"])
            }
        }
        let knownDigests = Set(known.map(\.sha256))
        var sidecars: [PhotoSidecar] = []
        try pool.write { db in
            report.recovered = try insertRecovered(
                scan, known: knownDigests, db: db, report: &report, sidecars: &sidecars)
            for photo in known {
                let present = scan.originals[photo.sha256] != nil
                let markedMissing =
                    photo.status == PhotoStatus.failed.rawValue
                    && (photo.error ?? "").hasPrefix(Self.missingOriginalError)
                if !present, !markedMissing {
                    try markMissing(photo, db: db)
                } else if present, markedMissing {
                    try requeue(photo.id, db: db)
                    report.returned += 1
                }
                if !present { report.missingOriginals += 1 }
            }
            sidecars += try backfillSidecars(
                known.filter { !scan.sidecars.contains($0.sha256) && scan.originals[$0.sha256] != nil }, db: db)
        }
        report.sidecarsWritten = sidecars.count
        try blobs.writeSidecarsTogether(sidecars)
        report.removedDerived = removeDerivedOrphans(scan, known: knownDigests)
        return report
    }

    private struct KnownPhoto {
        var id: PhotoID
        var sha256: String
        var format: ImageFormat
        var status: String
        var error: String?
    }

    /// The originals (by digest, with their format and path) and the sidecars found on disk.
    struct OriginalsScan {
        var originals: [String: (format: ImageFormat, path: String)] = [:]
        var sidecars: Set<String> = []
        var thumbnails: [String: String] = [:]
    }

    /// Lists `originals/` and `thumbs/`. Files whose names are not `<sha256>.<ext>` are left alone.
    func scanOriginals() -> OriginalsScan {
        var scan = OriginalsScan()
        let formats = Dictionary(uniqueKeysWithValues: ImageFormat.allCases.map { ($0.fileExtension, $0) })
        for area in ["originals", "thumbs"] {
            let base = directory.appendingPathComponent(area).path
            for fan in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
                for file in (try? FileManager.default.contentsOfDirectory(atPath: base + "/" + fan)) ?? [] {
                    let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
                    guard parts.count == 2, Self.isDigest(parts[0]) else { continue }
                    let path = base + "/" + fan + "/" + file
                    if area == "thumbs" {
                        scan.thumbnails[parts[0]] = path
                    } else if parts[1] == "json" {
                        scan.sidecars.insert(parts[0])
                    } else if let format = formats[parts[1]] {
                        scan.originals[parts[0]] = (format, path)
                    }
                }
            }
        }
        return scan
    }

    private static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Indexes every original the index lacks, oldest first, with its sidecar's fields; returns how many.
    private func insertRecovered(
        _ scan: OriginalsScan, known: Set<String>, db: Database, report: inout RecoveryReport,
        sidecars: inout [PhotoSidecar]
    ) throws -> Int {
        var found: [(sidecar: PhotoSidecar, format: ImageFormat, size: Int64, hadSidecar: Bool)] = []
        for (sha256, original) in scan.originals where !known.contains(sha256) {
            var info = stat()
            guard stat(original.path, &info) == 0 else { continue }
            let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            let sidecar = blobs.readSidecar(sha256: sha256)
            found.append(
                (
                    sidecar ?? PhotoSidecar(sha256: sha256, name: nil, addedAt: mtime), original.format,
                    Int64(info.st_size), sidecar != nil
                ))
        }
        found.sort { ($0.sidecar.addedAt, $0.sidecar.sha256) < ($1.sidecar.addedAt, $1.sidecar.sha256) }
        let insertPhoto = try db.cachedStatement(
            sql: """
                INSERT INTO photos (sha256, name, format, byte_size, added_at, status, trashed_at)
                VALUES (?, ?, ?, ?, ?, 'queued', ?)
                """)
        let insertJob = try db.cachedStatement(
            sql: "INSERT INTO jobs (photo_id, kind, created_at) VALUES (?, 'ingest', ?)")
        let insertImport = try db.cachedStatement(
            sql: """
                INSERT INTO import_photos (import_id, photo_id) SELECT id, ? FROM imports WHERE id = ?
                ON CONFLICT DO NOTHING
                """)
        let insertTag = try db.cachedStatement(
            sql:
                "INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (?, ?, 1.0, 'manual') ON CONFLICT DO NOTHING"
        )
        let now = Date().timeIntervalSince1970
        for photo in found {
            let sidecar = photo.sidecar
            try insertPhoto.execute(
                arguments: [
                    sidecar.sha256, sidecar.name, photo.format.rawValue, photo.size, sidecar.addedAt, sidecar.trashedAt,
                ])
            let id = db.lastInsertedRowID
            try insertJob.execute(arguments: [id, now])
            for tag in sidecar.tags { try insertTag.execute(arguments: [id, tag]) }
            if let importID = sidecar.importID { try insertImport.execute(arguments: [id, importID]) }
            if !photo.hadSidecar {
                report.recoveredWithoutSidecar += 1
                sidecars.append(sidecar)
            }
        }
        return found.count
    }

    private func markMissing(_ photo: KnownPhoto, db: Database) throws {
        let path = blobs.originalPath(sha256: photo.sha256, fileExtension: photo.format.fileExtension)
        try db.execute(sql: "DELETE FROM jobs WHERE photo_id = ?", arguments: [photo.id.rawValue])
        try db.execute(
            sql: "UPDATE photos SET status = 'failed', error = ? WHERE id = ?",
            arguments: [
                "\(Self.missingOriginalError): \(path) is gone; put the file back there and restart gailleryd, "
                    + "or delete the photo", photo.id.rawValue,
            ])
    }

    private func requeue(_ id: PhotoID, db: Database) throws {
        try db.execute(sql: "UPDATE photos SET status = 'queued', error = NULL WHERE id = ?", arguments: [id.rawValue])
        try db.execute(
            sql: "INSERT INTO jobs (photo_id, kind, created_at) VALUES (?, 'ingest', ?) ON CONFLICT DO NOTHING",
            arguments: [id.rawValue, Date().timeIntervalSince1970])
    }

    /// The sidecars of listed photos that have none, read from their rows.
    private func backfillSidecars(_ photos: [KnownPhoto], db: Database) throws -> [PhotoSidecar] {
        guard !photos.isEmpty else { return [] }
        let wanted = Set(photos.map(\.id.rawValue))
        var tags: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT photo_id, tag FROM photo_tags WHERE source = 'manual'") {
            let id: Int64 = row["photo_id"]
            if wanted.contains(id) { tags[id, default: []].append(row["tag"]) }
        }
        return try Row.fetchAll(db, sql: "SELECT id, sha256, name, added_at, trashed_at FROM photos").compactMap {
            row in
            let id: Int64 = row["id"]
            guard wanted.contains(id) else { return nil }
            return PhotoSidecar(
                sha256: row["sha256"], name: row["name"], addedAt: row["added_at"], tags: tags[id] ?? [],
                trashedAt: row["trashed_at"])
        }
    }

    /// Removes thumbnails and sidecars whose original is gone and that no row refers to.
    private func removeDerivedOrphans(_ scan: OriginalsScan, known: Set<String>) -> Int {
        var removed = 0
        for (sha256, path) in scan.thumbnails where scan.originals[sha256] == nil && !known.contains(sha256) {
            blobs.remove(path)
            removed += 1
        }
        for sha256 in scan.sidecars where scan.originals[sha256] == nil && !known.contains(sha256) {
            blobs.remove(blobs.sidecarPath(sha256: sha256))
            removed += 1
        }
        return removed
    }
}
