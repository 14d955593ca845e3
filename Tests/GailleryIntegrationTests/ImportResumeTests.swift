import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// An import interrupted by kill -9 resumes at the next start and counts what it had stored before the
/// kill as added, not as duplicates of itself.
@Suite struct ImportResumeTests {
    @Test func aResumedImportCountsItsOwnEarlierFilesAsAdded() throws {
        let daemon = try DaemonHarness().start()
        let folder = daemon.root.appendingPathComponent("resume")
        let count = 156
        for index in 0..<count {
            let bytes = Fixtures.jpeg(width: 320, height: 240, seed: 3000 + index)
            try Fixtures.write(bytes, to: folder, name: String(format: "r%03d.jpg", index))
        }
        // A true duplicate beside them: counted once as a duplicate, before and after the kill alike.
        try Fixtures.write(Fixtures.jpeg(width: 320, height: 240, seed: 3000), to: folder, name: "z-copy.jpg")
        let client = try daemon.client()
        _ = try client.call(EventsSubscribe.self, .init(topics: ["photo.added"]))
        let job = try client.call(PhotosImport.self, .init(dir: folder.path)).job
        var added = 0
        while added < 40, let event = try client.nextNotification(timeout: 60) {
            if event.topic == "photo.added" { added += 1 }
        }
        let before = try #require(try client.call(JobsList.self, .init()).jobs.first { $0.id == job })
        #expect(before.state == "running" && before.processed < count, "the kill must come mid-import: \(before)")
        #expect(daemon.stop(signal: SIGKILL) == SIGKILL)

        try daemon.start()
        let restarted = try daemon.client()
        let info = try HostilePathTests.waitForEnd(of: job, restarted)
        #expect(info.state == "done")
        #expect(info.total == count + 1)
        #expect(info.added == count, "\(info)")
        #expect(info.duplicates == 1, "\(info)")
        #expect(info.failed == 0 && info.skipped == 0)
        #expect(try restarted.call(PhotosList.self, .init(limit: 1000)).photos.count == count)
    }
}
