import Foundation
import GailleryProtocol

/// Follows the daemon's classification queue until it is empty, so that an import's photos are searchable
/// when `gaillery import` returns. The queue is the whole daemon's (an upload beside the import is waited
/// for too): `photos.wait` needs ids, and an import does not list the photos it added.
struct ClassificationFollower {
    /// How often to ask `daemon.status`, in seconds.
    static let interval = 0.25

    let session: Session

    /// Returns when no photo is queued or being processed.
    func follow() throws {
        let progress = Console.stderrIsTTY ? BatchProgress(total: 0, prefix: "classifying ") : nil
        defer { progress?.finish() }
        var most = 0
        while true {
            let photos = try session.quietCall(DaemonStatus.self, NoParams()).photos
            let open = photos.queued + photos.processing
            most = max(most, open)
            if open == 0 { return }
            progress?.show(done: most - open, total: most)
            Thread.sleep(forTimeInterval: Self.interval)
        }
    }
}

/// What `gaillery import` says about the files it could not make into searchable photos.
enum ImportReport {
    /// "photo 12 failed: truncated.jpg: JPEG is truncated…" for each photo that failed since `since` (the
    /// job's `created_at`, ISO 8601 UTC: newer photos sort after it as text).
    static func failedPhotos(_ session: Session, since: String) throws -> [String] {
        var lines: [String] = []
        var cursor: String?
        repeat {
            let page = try session.quietCall(
                PhotosSearch.self, .init(query: "status:failed", limit: 1000, cursor: cursor))
            for photo in page.photos where photo.addedAt >= since {
                let name = photo.name.map { TerminalText.escape($0) + ": " } ?? ""
                lines.append(
                    "photo \(photo.id) failed: \(name)\(TerminalText.escape(photo.error ?? "no reason given"))")
            }
            cursor = page.nextCursor
        } while cursor != nil
        return lines
    }

    /// "skipped notes.txt: not a JPEG or PNG" for each regular file of `directory` (and below, when
    /// `recursive`) whose first bytes are neither, as the daemon decides; hidden files are left out, as
    /// the daemon's walk leaves them.
    static func skippedFiles(in directory: String, recursive: Bool) -> [String] {
        let manager = FileManager.default
        let paths: [String]
        if recursive {
            paths = (manager.enumerator(atPath: directory)?.allObjects as? [String]) ?? []
        } else {
            paths = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
        }
        return paths.sorted().compactMap { relative in
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return nil }
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let handle = FileHandle(forReadingAtPath: path)
            else { return nil }
            defer { try? handle.close() }
            let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
            let jpeg = head.starts(with: [0xFF, 0xD8, 0xFF])
            let png = head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            return jpeg || png ? nil : "skipped \(TerminalText.escape(relative)): not a JPEG or PNG"
        }
    }
}
