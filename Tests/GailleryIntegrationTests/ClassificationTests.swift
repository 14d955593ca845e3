import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Real photographs through the real daemon and the real model: labels, everyday tags, search.
@Suite struct ClassificationTests {
    /// Debian's python3-skimage ships a few real photographs (installed by `make test`'s set-up).
    static let photos = "/usr/lib/python3/dist-packages/skimage/data"

    @Test func theCatPhotoIsFoundBySearchingCat() throws {
        let chelsea = Self.photos + "/chelsea.png"
        try #require(FileManager.default.fileExists(atPath: chelsea), "python3-skimage is missing; run `make test`")
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        try #require(status.classifier.ready, "classifier not ready: \(status.classifier.reason ?? "")")
        let cat = try client.call(PhotosUpload.self, .init(path: chelsea)).id
        let coffee = try client.call(PhotosUpload.self, .init(path: Self.photos + "/coffee.png")).id
        let waited = try client.call(PhotosWait.self, .init(ids: [cat, coffee], timeoutMs: 120_000))
        #expect(waited.photos.allSatisfy { $0.status == "done" }, "\(waited)")

        let photo = try client.call(PhotosGet.self, .init(id: cat))
        let labels = try #require(photo.labels)
        #expect(labels.count == 5)
        #expect(labels.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(labels.contains { ["tabby", "tiger cat", "egyptian cat"].contains($0.label.lowercased()) })
        #expect(labels.allSatisfy { $0.model == status.classifier.model })
        let catTag = try #require(photo.tags?.first { $0.tag == "cat" })
        #expect(catTag.source == "model")
        #expect(catTag.confidence > 0.5)

        let found = try client.call(PhotosSearch.self, .init(query: "cat"))
        #expect(found.photos.first?.id == cat)
        #expect(!found.photos.contains { $0.id == coffee })
        #expect(try client.call(PhotosSearch.self, .init(query: "cats")).photos.first?.id == cat)
        #expect(try client.call(TagsList.self, .init(prefix: "cat")).tags.contains { $0.tag == "cat" && $0.count == 1 })

        // Manual tags survive reclassification; model tags come back.
        _ = try client.call(PhotosTag.self, .init(id: cat, add: ["chelsea"]))
        #expect(try client.call(PhotosReclassify.self, .init(ids: [cat])).queued == 1)
        #expect(try client.call(PhotosWait.self, .init(ids: [cat], timeoutMs: 120_000)).complete)
        let tags = try #require(try client.call(PhotosGet.self, .init(id: cat)).tags)
        #expect(tags.contains { $0.tag == "chelsea" && $0.source == "manual" })
        #expect(tags.contains { $0.tag == "cat" && $0.source == "model" })
        #expect(client.expectError(PhotosReclassify.self, .init())?.code == .invalidParams)
    }

    @Test func withoutTheRuntimePhotosWaitAndStatusSaysWhy() throws {
        let empty = NSTemporaryDirectory() + "/gaillery-no-models-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let daemon = try DaemonHarness(arguments: ["--models-dir", empty]).start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        #expect(!status.classifier.ready)
        #expect((status.classifier.reason ?? "").contains("ONNX Runtime"), "\(status.classifier)")
        let id = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: 1)).base64EncodedString())).id
        let waited = try client.call(PhotosWait.self, .init(ids: [id], timeoutMs: 1500))
        #expect(!waited.complete)
        #expect(waited.photos.first?.status == "queued")
        let photo = try client.call(PhotosGet.self, .init(id: id))
        #expect(photo.width == 64)
        #expect(photo.thumbnailPath != nil)
    }
}
