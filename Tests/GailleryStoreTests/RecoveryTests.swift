import Foundation
import GRDB
import GailleryCore
import Testing

@testable import GailleryStore

/// Start-up recovery: the index is derived from the originals, so losing it loses nothing the user gave.
@Suite final class RecoveryTests {
    let directory: URL

    init() {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("recovery-\(UUID().uuidString)")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func ingest(_ store: PhotoStore, _ text: String, name: String?, at time: Double) throws -> IngestOutcome {
        let staged = try store.blobs.stage(bytes: Array(text.utf8))
        return try store.ingest(staged, format: .jpeg, name: name, now: time)
    }

    private func removeIndex() {
        for name in ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"] {
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    private func rows(_ store: PhotoStore) throws -> [Row] {
        try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT sha256, name, added_at, status, trashed_at FROM photos ORDER BY added_at, sha256")
        }
    }

    private func manualTags(_ store: PhotoStore, sha256: String) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT tag FROM photo_tags JOIN photos ON photos.id = photo_id
                    WHERE sha256 = ? AND source = 'manual' ORDER BY tag
                    """,
                arguments: [sha256])
        }
    }

    /// The reported defect: an emptied index made start-up delete every original. Now each comes back,
    /// with its name, added date, manual tags and trash state, and queued to be classified again.
    @Test(arguments: ["deleted", "emptied"])
    func aLostIndexIsRebuiltFromTheOriginals(how: String) throws {
        var expected: [(sha: String, name: String?)] = []
        do {
            let store = try PhotoStore(directory: directory)
            let beach = try ingest(store, "beach bytes", name: "beach.jpg", at: 100)
            let dog = try ingest(store, "dog bytes", name: "Rex \u{1F415}.jpg", at: 200)
            let plain = try ingest(store, "no name", name: nil, at: 300)
            _ = try store.editManualTags(beach.id, add: ["holiday", "mum"], remove: [])
            _ = try store.editManualTags(beach.id, add: [], remove: ["mum"])
            _ = try store.trash(dog.id, now: 250)
            expected = [(beach.sha256, "beach.jpg"), (dog.sha256, "Rex \u{1F415}.jpg"), (plain.sha256, nil)]
            try store.checkpoint()
        }
        if how == "deleted" {
            removeIndex()
        } else {
            removeIndex()
            #expect(
                FileManager.default.createFile(
                    atPath: directory.appendingPathComponent("index.sqlite").path, contents: nil))
        }
        let store = try PhotoStore(directory: directory)
        let report = try store.recover()
        #expect(report.recovered == 3)
        #expect(report.recoveredWithoutSidecar == 0)
        #expect(report.missingOriginals == 0)
        let found = try rows(store)
        #expect(found.map { $0["sha256"] as String } == expected.map(\.sha))
        #expect(found.map { $0["name"] as String? } == expected.map(\.name))
        #expect(found.map { $0["added_at"] as Double } == [100, 200, 300])
        #expect(found.map { $0["status"] as String } == ["queued", "queued", "queued"])
        #expect(found.map { $0["trashed_at"] as Double? } == [nil, 250, nil])
        #expect(try manualTags(store, sha256: expected[0].sha) == ["holiday"])
        #expect(try store.pendingJobs().count == 3)
        for (sha, _) in expected {
            #expect(FileManager.default.fileExists(atPath: store.blobs.originalPath(sha256: sha, fileExtension: "jpg")))
        }
        #expect(try store.recover() == RecoveryReport())
    }

    /// An older index (a backup restored by hand) lacks the photos added since: they come back; a photo
    /// the backup lists but whose original is gone is marked failed, and queued again once it is back.
    @Test func anOlderIndexGetsThePhotosAddedSinceAndMarksMissingOnes() throws {
        let backup = directory.appendingPathComponent("backup.sqlite")
        let old: IngestOutcome
        let newer: IngestOutcome
        do {
            let store = try PhotoStore(directory: directory)
            old = try ingest(store, "old photo", name: "old.jpg", at: 10)
            try store.checkpoint()
            try FileManager.default.copyItem(at: directory.appendingPathComponent("index.sqlite"), to: backup)
            newer = try ingest(store, "newer photo", name: "newer.jpg", at: 20)
            _ = try store.editManualTags(newer.id, add: ["birthday"], remove: [])
            try store.checkpoint()
        }
        removeIndex()
        try FileManager.default.copyItem(at: backup, to: directory.appendingPathComponent("index.sqlite"))
        let original = PhotoStore.originalPathForTest(directory, old.sha256)
        try FileManager.default.moveItem(atPath: original, toPath: original + ".away")
        do {
            let store = try PhotoStore(directory: directory)
            let report = try store.recover()
            #expect(report.recovered == 1)
            #expect(report.missingOriginals == 1)
            #expect(try manualTags(store, sha256: newer.sha256) == ["birthday"])
            let photo = try #require(try store.photo(old.id))
            #expect(photo.status == .failed)
            #expect((photo.error ?? "").hasPrefix(PhotoStore.missingOriginalError))
            #expect((photo.error ?? "").contains(original))
            #expect(try store.recover().missingOriginals == 1)
        }
        try FileManager.default.moveItem(atPath: original + ".away", toPath: original)
        let store = try PhotoStore(directory: directory)
        let report = try store.recover()
        #expect(report.returned == 1)
        #expect(report.missingOriginals == 0)
        #expect(try store.photo(old.id)?.status == .queued)
        #expect(try store.pendingJobs().map(\.photoID).contains(old.id))
    }

    /// A library from before sidecars: every photo gets one at the next start, so a later index loss
    /// keeps its name and tags.
    @Test func photosWithoutSidecarsGetThemAtStartUp() throws {
        let sha: String
        do {
            let store = try PhotoStore(directory: directory)
            let photo = try ingest(store, "legacy", name: "legacy.png", at: 5)
            _ = try store.editManualTags(photo.id, add: ["granny"], remove: [])
            sha = photo.sha256
            unlink(store.blobs.sidecarPath(sha256: sha))
            #expect(try store.recover().sidecarsWritten == 1)
            try store.checkpoint()
        }
        removeIndex()
        let store = try PhotoStore(directory: directory)
        #expect(try store.recover().recovered == 1)
        #expect(try rows(store).map { $0["name"] as String? } == ["legacy.png"])
        #expect(try manualTags(store, sha256: sha) == ["granny"])
    }

    /// A crash between installing an import's original and committing its row: recovery indexes the
    /// original again and records it as that import's, so the resumed import counts it as added.
    @Test func anOriginalAnImportInstalledBeforeACrashStaysThatImports() throws {
        let store = try PhotoStore(directory: directory)
        let importID = try store.createImport(dir: "/photos", recursive: false, now: 1)
        let staged = try store.blobs.stage(bytes: Array("imported".utf8))
        let sidecar = try store.blobs.stageSidecar(
            PhotoSidecar(sha256: staged.sha256, name: "i.jpg", addedAt: 2, importID: importID))
        try store.blobs.install([
            (sidecar, store.blobs.sidecarPath(sha256: staged.sha256)),
            (staged.temporaryPath, store.blobs.originalPath(sha256: staged.sha256, fileExtension: "jpg")),
        ])
        #expect(try store.recover().recovered == 1)
        let id = try #require(try store.pendingJobs().first?.photoID)
        #expect(try store.importAdded(importID, photo: id))
    }

    /// Only derived files go: temporary files, and thumbnails and sidecars of originals that are gone.
    /// An original without a sidecar is kept and indexed under no name.
    @Test func onlyDerivedFilesAreRemoved() throws {
        let store = try PhotoStore(directory: directory)
        let kept = try ingest(store, "kept", name: "kept.jpg", at: 1)
        let stray = String(repeating: "ab", count: 32)
        let strayOriginal = store.blobs.originalPath(sha256: stray, fileExtension: "jpg")
        try "stray".withCString {
            try store.blobs.write(UnsafeRawBufferPointer(start: $0, count: 5), at: strayOriginal)
        }
        let gone = String(repeating: "cd", count: 32)
        try "t".withCString {
            try store.blobs.write(
                UnsafeRawBufferPointer(start: $0, count: 1), at: store.blobs.thumbnailPath(sha256: gone))
        }
        try store.blobs.writeSidecar(PhotoSidecar(sha256: gone, name: "gone.jpg", addedAt: 1))
        let keptThumb = store.blobs.thumbnailPath(sha256: kept.sha256)
        try "t".withCString { try store.blobs.write(UnsafeRawBufferPointer(start: $0, count: 1), at: keptThumb) }
        let note = directory.appendingPathComponent("originals/ab/README.txt").path
        #expect(FileManager.default.createFile(atPath: note, contents: Data("mine".utf8)))
        #expect(FileManager.default.createFile(atPath: directory.path + "/tmp/leftover.part", contents: Data("x".utf8)))

        let report = try store.recover()
        #expect(report.recovered == 1)
        #expect(report.recoveredWithoutSidecar == 1)
        #expect(report.removedDerived == 2)
        #expect(FileManager.default.fileExists(atPath: strayOriginal))
        #expect(FileManager.default.fileExists(atPath: store.blobs.sidecarPath(sha256: stray)))
        #expect(FileManager.default.fileExists(atPath: keptThumb))
        #expect(FileManager.default.fileExists(atPath: note))
        #expect(!FileManager.default.fileExists(atPath: store.blobs.thumbnailPath(sha256: gone)))
        #expect(!FileManager.default.fileExists(atPath: store.blobs.sidecarPath(sha256: gone)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/tmp").isEmpty)
    }

    /// Emptying the trash is the one explicit deletion: original, thumbnail and sidecar all go.
    @Test func emptyingTheTrashRemovesTheSidecarToo() throws {
        let store = try PhotoStore(directory: directory)
        let photo = try ingest(store, "bin me", name: "bin.jpg", at: 1)
        _ = try store.trash(photo.id, now: 2)
        #expect(store.blobs.readSidecar(sha256: photo.sha256)?.trashedAt == 2)
        _ = try store.emptyTrash()
        #expect(!FileManager.default.fileExists(atPath: store.blobs.sidecarPath(sha256: photo.sha256)))
        #expect(try store.recover() == RecoveryReport())
    }

    /// A file that is not a database is refused with what to do, and left as it is.
    @Test func aDamagedIndexIsRefusedNotReplaced() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let index = directory.appendingPathComponent("index.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: index)
        #expect {
            _ = try PhotoStore(directory: directory)
        } throws: { error in
            "\(error)".contains("--rebuild-index") && "\(error)".contains("damaged")
        }
        #expect(try Data(contentsOf: index) == garbage)
        let kept = try #require(try IndexFile.setAside(in: directory))
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == garbage)
        _ = try PhotoStore(directory: directory)
    }

    /// A file where one of the data directory's folders belongs is refused with what to do, not used.
    @Test(arguments: ["originals", "thumbs", "tmp"])
    func aFileWhereAFolderBelongsIsRefused(folder: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(folder).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("mine".utf8)))
        #expect {
            _ = try PhotoStore(directory: directory)
        } throws: { error in
            "\(error)".contains("\(path) is not a directory")
        }
        #expect(FileManager.default.contents(atPath: path) == Data("mine".utf8))
    }

    /// The index files are private whoever made them, and SQLite 3.40's integrity check (Debian 12's)
    /// finds nothing wrong with an index that has tags.
    @Test func theIndexIsPrivateAndPassesIntegrityCheck() throws {
        let store = try PhotoStore(directory: directory)
        let photo = try ingest(store, "tagged", name: "t.jpg", at: 1)
        _ = try store.editManualTags(photo.id, add: ["cat"], remove: [])
        try store.finishJobs([
            JobOutcome(
                job: try store.pendingJobs()[0].id, photo: photo.id, metadata: nil,
                labels: [LabelRecord(rank: 1, label: "tabby", wnid: "n02123045", confidence: 0.9, model: "m")],
                tags: [(tag: "cat", confidence: 0.9)], status: .done, error: nil)
        ])
        let check = try store.pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(check == ["ok"])
        for name in ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"] {
            var info = stat()
            #expect(stat(directory.appendingPathComponent(name).path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600, "\(name)")
        }
    }
}

extension PhotoStore {
    fileprivate static func originalPathForTest(_ directory: URL, _ sha256: String) -> String {
        directory.path + "/originals/" + sha256.prefix(2) + "/" + sha256 + ".jpg"
    }
}
