import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Directory imports, jobs, and events streamed to one client while another uploads.
@Suite struct ImportAndEventsTests {
    @Test func importStoresEveryImageSkipsOthersAndReportsProgress() throws {
        let daemon = try DaemonHarness().start()
        let watcher = try daemon.client()
        _ = try watcher.call(EventsSubscribe.self, .init(topics: ["job.progress"]))
        let folder = daemon.root.appendingPathComponent("pictures")
        for index in 0..<12 {
            try Fixtures.write(Fixtures.jpeg(seed: 100 + index), to: folder, name: "img\(index).jpg")
        }
        try Fixtures.write(Fixtures.png(seed: 3), to: folder.appendingPathComponent("nested"), name: "deep.png")
        try Fixtures.write(Array("sidecar".utf8), to: folder, name: "notes.xmp")
        let client = try daemon.client()
        let job = try client.call(PhotosImport.self, .init(dir: folder.path, recursive: true)).job

        var final: JobInfo?
        while final == nil {
            guard let event = try watcher.nextNotification(timeout: 60) else { break }
            #expect(event.topic == "job.progress")
            let info = try WireCoding.decoder().decode(JobInfo.self, from: JSONEncoder().encode(event.data))
            if info.id == job, info.state != "running" { final = info }
        }
        let info = try #require(final)
        #expect(info.state == "done")
        #expect(info.added == 13)
        #expect(info.skipped == 1)
        #expect(info.processed == 14)
        #expect(try client.call(JobsList.self, .init()).jobs.first?.id == job)
        #expect(client.expectError(JobsCancel.self, .init(job: job))?.code == .conflict)
        #expect(client.expectError(JobsCancel.self, .init(job: 777))?.code == .notFound)
        #expect(client.expectError(PhotosImport.self, .init(dir: "pictures"))?.code == .invalidParams)
        #expect(client.expectError(PhotosImport.self, .init(dir: folder.path + "/img0.jpg"))?.code == .fileAccess)
    }

    @Test func aStreamingClientAndAnUploadingClientDoNotBlockEachOther() throws {
        let daemon = try DaemonHarness().start()
        let watcher = try daemon.client()
        _ = try watcher.call(EventsSubscribe.self, .init())
        let uploaded = ManagedIDs()
        let uploader = Thread {
            guard let client = try? daemon.client() else { return }
            for seed in 0..<20 {
                if let result = try? client.call(
                    PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: 500 + seed)).base64EncodedString()))
                {
                    uploaded.append(result.id)
                }
            }
            uploaded.finish()
        }
        uploader.start()
        var added = Set<Int64>()
        var done = Set<Int64>()
        while done.count < 20 {
            guard let event = try watcher.nextNotification(timeout: 60) else { break }
            guard case .int(let id)? = event.data["id"] else { continue }
            if event.topic == "photo.added" { added.insert(id) }
            if event.topic == "photo.status", event.data["status"] == .string("done") { done.insert(id) }
            // The watcher can still make calls while events stream in.
            if done.count == 10 { #expect(try watcher.call(DaemonStatus.self, NoParams()).pid > 0) }
        }
        uploaded.wait()
        #expect(added == Set(uploaded.ids))
        #expect(done == Set(uploaded.ids))
        #expect(watcher.expectError(EventsSubscribe.self, .init(topics: ["photo.exploded"]))?.code == .invalidParams)
    }

    /// A subscriber that stops reading never holds anyone up: the daemon drops its events while its
    /// connection's buffer is full, and tells it how many before the next one it delivers.
    @Test func aSubscriberThatStopsReadingIsToldHowManyEventsItMissed() throws {
        let daemon = try DaemonHarness(arguments: ["--client-buffer", "8192"]).start()
        let sleeper = try daemon.client()
        _ = try sleeper.call(EventsSubscribe.self, .init(topics: ["photo.deleted", "photo.restored"]))
        let client = try daemon.client()
        let id = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: 900)).base64EncodedString()))
            .id
        // Far more events than the socket's buffer and the daemon's 8 KiB hold, with no one reading.
        let cycles = 500
        for _ in 0..<cycles {
            _ = try client.call(PhotosDelete.self, .init(id: id))
            _ = try client.call(PhotosRestore.self, .init(id: id))
        }
        var delivered = 0
        var dropped = 0
        while let event = try sleeper.nextNotification(timeout: 2) {
            if event.topic == "events.dropped", case .int(let count)? = event.data["count"] { dropped += Int(count) }
            if event.topic.hasPrefix("photo.") { delivered += 1 }
        }
        #expect(delivered < 2 * cycles, "delivered \(delivered) of \(2 * cycles) events, \(dropped) counted as dropped")
        // One more event: the count of those missed comes first, then the event.
        _ = try client.call(PhotosDelete.self, .init(id: id))
        let notice = try #require(try sleeper.nextNotification(timeout: 10))
        #expect(notice.topic == "events.dropped")
        if case .int(let count)? = notice.data["count"] { dropped += Int(count) }
        let event = try #require(try sleeper.nextNotification(timeout: 10))
        #expect(event.topic == "photo.deleted")
        #expect(event.data["id"] == .int(id))
        // Every event was either delivered or counted.
        #expect(delivered + dropped == 2 * cycles)
    }
}

/// Ids collected by a background thread.
final class ManagedIDs: @unchecked Sendable {
    private let lock = NSCondition()
    private var values: [Int64] = []
    private var finished = false

    func append(_ id: Int64) {
        lock.lock()
        values.append(id)
        lock.unlock()
    }

    func finish() {
        lock.lock()
        finished = true
        lock.broadcast()
        lock.unlock()
    }

    func wait() {
        lock.lock()
        while !finished { lock.wait() }
        lock.unlock()
    }

    var ids: [Int64] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
