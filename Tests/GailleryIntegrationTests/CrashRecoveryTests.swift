import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// kill -9 in the middle of work, then restart: nothing acknowledged is lost and every job finishes.
@Suite struct CrashRecoveryTests {
    @Test func killDuringAnImportOf300PhotosLosesNothing() throws {
        let daemon = try DaemonHarness().start()
        let folder = daemon.root.appendingPathComponent("import300")
        var originals: [String: Data] = [:]
        for index in 0..<300 {
            let bytes = Fixtures.jpeg(width: 96, height: 64, seed: 1000 + index)
            let path = try Fixtures.write(bytes, to: folder, name: String(format: "p%03d.jpg", index))
            originals[path] = Data(bytes)
        }
        let client = try daemon.client()
        _ = try client.call(EventsSubscribe.self, .init(topics: ["photo.added"]))
        // Acknowledged uploads beside the import, recorded as the daemon answers them.
        var acknowledged: [Int64: Data] = [:]
        for seed in 0..<5 {
            let bytes = Data(Fixtures.jpeg(seed: 5000 + seed))
            acknowledged[try client.call(PhotosUpload.self, .init(data: bytes.base64EncodedString())).id] = bytes
        }
        let job = try client.call(PhotosImport.self, .init(dir: folder.path)).job
        // Let the import get going, then kill the daemon mid-way.
        var added = 0
        while added < 60, let event = try client.nextNotification(timeout: 60) {
            if event.topic == "photo.added" { added += 1 }
        }
        #expect(daemon.stop(signal: SIGKILL) == SIGKILL)

        try daemon.start()
        let restarted = try daemon.client()
        for (id, bytes) in acknowledged {
            let photo = try restarted.call(PhotosGet.self, .init(id: id))
            #expect(try Data(contentsOf: URL(fileURLWithPath: try #require(photo.originalPath))) == bytes)
        }
        // The import resumes and finishes; every file ends up stored exactly once, with its bytes.
        var state = "running"
        let deadline = Date().addingTimeInterval(120)
        while state == "running", Date() < deadline {
            state = try restarted.call(JobsList.self, .init()).jobs.first { $0.id == job }?.state ?? "missing"
            usleep(100_000)
        }
        #expect(state == "done")
        var stored: [String: PhotoInfo] = [:]
        var cursor: String?
        repeat {
            let page = try restarted.call(PhotosList.self, .init(limit: 1000, cursor: cursor))
            for photo in page.photos { stored[photo.sha256] = photo }
            cursor = page.nextCursor
        } while cursor != nil
        #expect(stored.count == 305)
        let ids = stored.values.map(\.id)
        let waited = try restarted.call(PhotosWait.self, .init(ids: ids, timeoutMs: 120_000))
        #expect(waited.complete)
        #expect(waited.photos.allSatisfy { $0.status == "done" })
        for (path, bytes) in originals.prefix(40) {
            let match = stored.values.first { $0.name == (path as NSString).lastPathComponent }
            let photo = try restarted.call(PhotosGet.self, .init(id: try #require(match).id))
            #expect(try Data(contentsOf: URL(fileURLWithPath: try #require(photo.originalPath))) == bytes)
        }
        #expect(try restarted.call(DaemonStatus.self, NoParams()).queue.depth == 0)
    }
}
