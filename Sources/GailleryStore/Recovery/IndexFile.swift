import Foundation
import GRDB

/// The index file is damaged (not a database, or it fails SQLite's quick check). The daemon refuses to
/// start on it rather than replace it silently; the message says how to rebuild it from the originals.
package struct DamagedIndexError: Error, CustomStringConvertible {
    /// The index file.
    package let path: String
    /// What SQLite reported.
    package let detail: String

    package var description: String {
        "the index \(path) is damaged (\(detail)). The photos themselves are safe: originals/ beside it is "
            + "untouched. Start gailleryd once with --rebuild-index (and the same --data-dir): it keeps the "
            + "damaged file as \(URL(fileURLWithPath: path).lastPathComponent).damaged-<time> and rebuilds the "
            + "index from the originals and their sidecars (names, manual tags and trash are kept; the photos are "
            + "classified again)"
    }
}

/// The index database's files: finding damage and setting a damaged index aside.
package enum IndexFile {
    /// The index's file names in a data directory: the database, its write-ahead log and shared memory.
    static let names = ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"]

    /// Whether `error`, thrown while opening or checking the index, means the file is damaged rather
    /// than, say, unwritable or locked.
    static func isDamage(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode)
    }

    /// Creates the database file 0600 if it is missing and takes group and other access away from the
    /// index files that exist (they may come from an older version, or a backup restored by hand).
    static func makePrivate(in directory: URL) {
        let path = directory.appendingPathComponent(names[0]).path
        let fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd >= 0 { close(fd) }
        for name in names {
            let path = directory.appendingPathComponent(name).path
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 != 0 {
                chmod(path, 0o600)
            }
        }
    }

    /// Runs SQLite's quick check (structure and constraints, without comparing indexes to tables).
    ///
    /// - Throws: `DamagedIndexError` with SQLite's first complaint when the check fails.
    static func check(_ pool: DatabasePool, path: String) throws {
        let result = try pool.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check(1)") }
        guard let result, result == "ok" else { throw DamagedIndexError(path: path, detail: result ?? "no answer") }
    }

    /// Renames the index files in `directory` to `<name>.damaged-<UTC time>`, so a new index is built
    /// from the originals while the old one is kept for inspection. Returns the database's new path, or
    /// nil when there was no index.
    ///
    /// - Throws: `StoreError` when a file cannot be renamed.
    package static func setAside(in directory: URL, now: Date = Date()) throws -> String? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        let stamp = formatter.string(from: now).replacingOccurrences(of: ":", with: "")
        var moved: String?
        for name in names {
            let path = directory.appendingPathComponent(name).path
            guard access(path, F_OK) == 0 else { continue }
            let target = path + ".damaged-" + stamp
            guard rename(path, target) == 0 else { throw StoreError.io("renaming", path: path, errno: errno) }
            if name == names[0] { moved = target }
        }
        try BlobStore.syncDirectory(directory.path)
        return moved
    }
}
