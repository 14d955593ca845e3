import Foundation
import GailleryProtocol
import GailleryRPC
import GailleryVision
import Testing

/// The batched pipeline through the real daemon: bad photos fail alone, thumbnails come from the
/// shared decode, a shutdown mid-batch loses nothing, and a mismatched taxonomy keeps the model out.
@Suite struct BatchedIngestTests {
    @Test func badPhotosFailAloneAndTheRestOfTheirBatchIsClassified() throws {
        let daemon = try DaemonHarness(arguments: ["--batch-size", "4", "--workers", "2"]).start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        try #require(status.classifier.ready, "classifier not ready: \(status.classifier.reason ?? "")")
        let inbox = daemon.root.appendingPathComponent("in")
        var good: [Int64] = []
        var bad: [Int64: String] = [:]
        for index in 0..<10 {
            // Hostile files between good ones, so they would share a batch if they reached inference.
            if index == 3 {
                bad[try upload(client, Fixtures.truncatedJPEG(), inbox, "truncated.jpg")] = "decoding failed"
            }
            if index == 6 { bad[try upload(client, Fixtures.corruptJPEG(), inbox, "corrupt.jpg")] = "decoding failed" }
            if index == 8 {
                let sliver = Fixtures.jpeg(width: 1600, height: 16, seed: 77)
                bad[try upload(client, sliver, inbox, "sliver.jpg")] = "classification failed"
            }
            good.append(
                try upload(client, Fixtures.jpeg(width: 640, height: 480, seed: 300 + index), inbox, "g\(index).jpg"))
        }
        let waited = try client.call(PhotosWait.self, .init(ids: good + Array(bad.keys), timeoutMs: 120_000))
        #expect(waited.complete)
        for item in waited.photos {
            if let reason = bad[item.id] {
                #expect(item.status == "failed")
                #expect((item.error ?? "").hasPrefix(reason), "\(item)")
            } else {
                #expect(item.status == "done", "\(item)")
                #expect(try client.call(PhotosGet.self, .init(id: item.id)).labels?.count == 5)
            }
        }
        let pipeline = try #require(try client.call(DaemonStatus.self, NoParams()).pipeline)
        #expect(pipeline.batchSize == 4)
        #expect(pipeline.decodeWorkers == 2)
        #expect(pipeline.classified == good.count)
        #expect(pipeline.decoded == good.count + bad.count)
        #expect((3...good.count).contains(pipeline.batches))
        #expect(pipeline.inferMs > 0 && pipeline.decodeMs > 0 && pipeline.storeMs > 0)
    }

    @Test("one decode serves the thumbnail and the classifier", arguments: [(2400, 1800), (900, 1600), (200, 150)])
    func thumbnailsFromTheSharedDecode(width: Int, height: Int) throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let bytes = Fixtures.jpeg(width: width, height: height, seed: width)
        let id = try upload(client, bytes, daemon.root.appendingPathComponent("in"), "big.jpg")
        let waited = try client.call(PhotosWait.self, .init(ids: [id], timeoutMs: 120_000))
        #expect(waited.photos.first?.status == "done", "\(waited)")
        let photo = try client.call(PhotosGet.self, .init(id: id))
        #expect(photo.width == width && photo.height == height)
        let thumbnail = try ImageCodec.probe(
            [UInt8](Data(contentsOf: URL(fileURLWithPath: try #require(photo.thumbnailPath)))))
        let long = min(320, max(width, height))
        let expected =
            width >= height
            ? (long, (2 * height * long + width) / (2 * width)) : ((2 * width * long + height) / (2 * height), long)
        #expect(thumbnail.width == expected.0 && thumbnail.height == expected.1)
    }

    @Test func sigtermWithBatchesInFlightExitsCleanlyAndLosesNothing() throws {
        let daemon = try DaemonHarness(arguments: ["--batch-size", "8"]).start()
        let client = try daemon.client()
        let inbox = daemon.root.appendingPathComponent("in")
        var ids: [Int64] = []
        for index in 0..<24 {
            ids.append(
                try upload(client, Fixtures.jpeg(width: 1280, height: 960, seed: 500 + index), inbox, "s\(index).jpg"))
        }
        #expect(daemon.stop(signal: SIGTERM) == 0)
        try daemon.start()
        let restarted = try daemon.client()
        let waited = try restarted.call(PhotosWait.self, .init(ids: ids, timeoutMs: 120_000))
        #expect(waited.complete)
        #expect(waited.photos.count == ids.count && waited.photos.allSatisfy { $0.status == "done" })
        #expect(try restarted.call(DaemonStatus.self, NoParams()).queue.depth == 0)
    }

    @Test func aTaxonomyForAnotherClassListKeepsTheClassifierUnready() throws {
        let models = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gaillery-taxonomy-\(UUID())")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: models) }
        let real = URL(fileURLWithPath: DaemonHarness.modelsDirectory)
        for name in try FileManager.default.contentsOfDirectory(atPath: real.path) where name != "taxonomy.json" {
            // Hard links (the loader checks file sizes, which a symbolic link does not have), copies
            // across file systems; directories (runtime/) linked.
            let (source, target) = (real.appendingPathComponent(name), models.appendingPathComponent(name))
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try FileManager.default.createSymbolicLink(at: target, withDestinationURL: source)
            } else if (try? FileManager.default.linkItem(at: source, to: target)) == nil {
                try FileManager.default.copyItem(at: source, to: target)
            }
        }
        // Classes 0 and 1 swapped: every tag would land on the wrong class.
        var taxonomy = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: real.appendingPathComponent("taxonomy.json")))
                as? [String: Any])
        var labels = try #require(taxonomy["labels"] as? [[String: Any]])
        (labels[0]["wnid"], labels[1]["wnid"]) = (labels[1]["wnid"], labels[0]["wnid"])
        taxonomy["labels"] = labels
        try JSONSerialization.data(withJSONObject: taxonomy).write(to: models.appendingPathComponent("taxonomy.json"))

        let daemon = try DaemonHarness(arguments: ["--models-dir", models.path]).start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        #expect(!status.classifier.ready)
        #expect((status.classifier.reason ?? "").contains("taxonomy.json"), "\(status.classifier)")
        let id = try upload(client, Fixtures.jpeg(seed: 2), daemon.root.appendingPathComponent("in"), "waits.jpg")
        let waited = try client.call(PhotosWait.self, .init(ids: [id], timeoutMs: 1500))
        #expect(!waited.complete)
        #expect(waited.photos.first?.status == "queued")
    }

    private func upload(_ client: RPCClient, _ bytes: [UInt8], _ inbox: URL, _ name: String) throws -> Int64 {
        try client.call(PhotosUpload.self, .init(path: try Fixtures.write(bytes, to: inbox, name: name))).id
    }
}
