import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// The index is derived from the originals: losing it, damaging it or restoring an old one loses nothing
/// the user gave, through the real daemon.
@Suite struct LibraryRecoveryTests {
    static let photos = ClassificationTests.photos

    private func indexFiles(_ daemon: DaemonHarness) -> [String] {
        ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"].map {
            daemon.dataDirectory.appendingPathComponent($0).path
        }
    }

    /// The reported defect: `: > index.sqlite` and a restart deleted every original. Now every photo is
    /// back with its name, manual tags and trash state, is classified again, and is found by search.
    @Test func anEmptiedIndexIsRebuiltAndEveryPhotoIsFoundAgain() throws {
        let chelsea = Self.photos + "/chelsea.png"
        try #require(FileManager.default.fileExists(atPath: chelsea), "python3-skimage is missing; run `make test`")
        let daemon = try DaemonHarness().start()
        var client = try daemon.client()
        try #require(try client.call(DaemonStatus.self, NoParams()).classifier.ready)
        let cat = try client.call(PhotosUpload.self, .init(path: chelsea)).id
        let coffee = try client.call(PhotosUpload.self, .init(path: Self.photos + "/coffee.png")).id
        let astronaut = try client.call(PhotosUpload.self, .init(path: Self.photos + "/astronaut.png")).id
        _ = try client.call(PhotosTag.self, .init(id: cat, add: ["chelsea"]))
        _ = try client.call(PhotosDelete.self, .init(id: coffee))
        #expect(try client.call(PhotosWait.self, .init(ids: [cat, coffee, astronaut], timeoutMs: 120_000)).complete)
        let catTags = Set(try #require(try client.call(PhotosGet.self, .init(id: cat)).tags).map(\.tag))
        #expect(catTags.contains("cat"))
        #expect(daemon.stop() == 0)

        #expect(truncate(indexFiles(daemon)[0], 0) == 0)
        for path in indexFiles(daemon).dropFirst() { unlink(path) }
        try daemon.start()
        client = try daemon.client()
        #expect(daemon.log.contains("recovered originals the index did not list"))
        #expect(try client.call(DaemonStatus.self, NoParams()).recovery == .init(recovered: 3, missingOriginals: 0))
        let listed = try client.call(PhotosList.self, .init(limit: 100)).photos
        #expect(Set(listed.compactMap(\.name)) == ["chelsea.png", "astronaut.png"])
        let trashed = try client.call(TrashList.self, .init()).photos
        #expect(trashed.map(\.name) == ["coffee.png"])
        let ids = listed.map(\.id) + trashed.map(\.id)
        let waited = try client.call(PhotosWait.self, .init(ids: ids, timeoutMs: 120_000))
        #expect(waited.complete)
        #expect(waited.photos.allSatisfy { $0.status == "done" }, "\(waited)")
        let newCat = try #require(listed.first { $0.name == "chelsea.png" }).id
        #expect(try client.call(PhotosSearch.self, .init(query: "cat")).photos.map(\.id) == [newCat])
        #expect(try client.call(PhotosSearch.self, .init(query: "chelsea")).photos.map(\.id) == [newCat])
        let tags = try #require(try client.call(PhotosGet.self, .init(id: newCat)).tags)
        #expect(Set(tags.map(\.tag)) == catTags)
        #expect(tags.first { $0.tag == "chelsea" }?.source == "manual")
    }

    /// A damaged index stops the daemon with what to do, and is kept; `--rebuild-index` sets it aside
    /// and rebuilds the index from the originals.
    @Test func aDamagedIndexIsRefusedThenRebuiltOnRequest() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        var names: [String] = []
        for seed in 0..<4 {
            let name = "holiday-\(seed).jpg"
            let path = try Fixtures.write(
                Fixtures.jpeg(seed: 700 + seed), to: daemon.root.appendingPathComponent("in"), name: name)
            _ = try client.call(PhotosUpload.self, .init(path: path))
            names.append(name)
        }
        #expect(daemon.stop() == 0)
        let index = indexFiles(daemon)[0]
        let garbage = Data((0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) })
        try garbage.write(to: URL(fileURLWithPath: index))

        #expect(throws: HarnessError.self) { try daemon.start() }
        #expect(daemon.log.contains("is damaged"))
        #expect(daemon.log.contains("--rebuild-index"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == garbage)

        daemon.extraArguments = ["--rebuild-index"]
        try daemon.start()
        let listed = try daemon.client().call(PhotosList.self, .init(limit: 100)).photos
        #expect(try daemon.client().call(DaemonStatus.self, NoParams()).recovery?.recovered == names.count)
        #expect(Set(listed.compactMap(\.name)) == Set(names))
        let kept = try FileManager.default.contentsOfDirectory(atPath: daemon.dataDirectory.path)
            .filter { $0.hasPrefix("index.sqlite.damaged-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        #expect(kept.count == 1)
        if let name = kept.first {
            #expect(try Data(contentsOf: daemon.dataDirectory.appendingPathComponent(name)) == garbage)
        }
    }

    /// A photo whose original vanished is failed with where to put it back, counted in `daemon.status`,
    /// and classified once the file is back and the daemon restarted.
    @Test func aMissingOriginalIsReportedAndComesBack() throws {
        let daemon = try DaemonHarness().start()
        var client = try daemon.client()
        let id = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: 41)).base64EncodedString())).id
        #expect(try client.call(PhotosWait.self, .init(ids: [id], timeoutMs: 60_000)).complete)
        let original = try #require(try client.call(PhotosGet.self, .init(id: id)).originalPath)
        #expect(daemon.stop() == 0)
        try FileManager.default.moveItem(atPath: original, toPath: daemon.root.path + "/away.jpg")
        try daemon.start()
        client = try daemon.client()
        #expect(try client.call(DaemonStatus.self, NoParams()).recovery?.missingOriginals == 1)
        let failed = try client.call(PhotosGet.self, .init(id: id))
        #expect(failed.status == "failed")
        #expect(failed.error?.contains(original) == true, "\(failed.error ?? "")")
        #expect(daemon.log.contains("original is missing"))
        #expect(daemon.stop() == 0)
        try FileManager.default.moveItem(atPath: daemon.root.path + "/away.jpg", toPath: original)
        try daemon.start()
        client = try daemon.client()
        #expect(try client.call(DaemonStatus.self, NoParams()).recovery?.missingOriginals == 0)
        let waited = try client.call(PhotosWait.self, .init(ids: [id], timeoutMs: 60_000))
        #expect(waited.photos.map(\.status) == ["done"])
    }

    /// The data directory is 0700 and every file in it 0600, even when it existed with looser modes.
    @Test func theDataDirectoryIsPrivate() throws {
        let daemon = try DaemonHarness()
        try FileManager.default.createDirectory(at: daemon.dataDirectory, withIntermediateDirectories: true)
        #expect(chmod(daemon.dataDirectory.path, 0o755) == 0)
        try daemon.start()
        let client = try daemon.client()
        let id = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: 3)).base64EncodedString())).id
        #expect(try client.call(PhotosWait.self, .init(ids: [id], timeoutMs: 60_000)).complete)
        _ = try client.call(PhotosTag.self, .init(id: id, add: ["private"]))
        var info = stat()
        #expect(stat(daemon.dataDirectory.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        let walker = FileManager.default.enumerator(atPath: daemon.dataDirectory.path)
        var checked = 0
        while let relative = walker?.nextObject() as? String {
            let path = daemon.dataDirectory.path + "/" + relative
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: #expect(info.st_mode & 0o777 == 0o600, "\(relative)")
            case S_IFDIR: #expect(info.st_mode & 0o777 == 0o700, "\(relative)")
            default: break
            }
            checked += 1
        }
        #expect(checked >= 8)
    }

    /// Data directories the daemon must not use or change are refused with one readable line.
    @Test func unusableDataDirectoriesAreRefusedInOneLine() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "gaillery-dd-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("a-file")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("x".utf8)))
        let shared = root.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        #expect(chmod(shared.path, 0o1777) == 0)
        for (directory, expected) in [(file, "is not a directory"), (shared, "is a shared directory")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: DaemonHarness.binary)
            process.arguments = ["--socket", root.path + "/s/rpc.sock", "--data-dir", directory.path]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            #expect(text.contains(expected), "\(text)")
            #expect(!text.contains("NSCocoaErrorDomain"), "\(text)")
            #expect(text.split(separator: "\n").count == 1, "\(text)")
        }
        var info = stat()
        #expect(stat(shared.path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o1777)
    }
}
