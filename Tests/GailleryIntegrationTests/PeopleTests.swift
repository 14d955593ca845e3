import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// The person detector in the real daemon: skimage's astronaut (public domain, NASA) is found by
/// `person`, chelsea the cat (CC0) is not; boxes in `photos.get`; reclassification runs it again.
@Suite struct PeopleTests {
    static let photos = ClassificationTests.photos

    /// Uploads the astronaut and the cat and waits until both are done; returns their ids.
    private static func upload(_ client: RPCClient) throws -> (astronaut: Int64, cat: Int64) {
        let astronaut = try client.call(PhotosUpload.self, .init(path: photos + "/astronaut.png")).id
        let cat = try client.call(PhotosUpload.self, .init(path: photos + "/chelsea.png")).id
        let waited = try client.call(PhotosWait.self, .init(ids: [astronaut, cat], timeoutMs: 120_000))
        #expect(waited.photos.allSatisfy { $0.status == "done" }, "\(waited)")
        return (astronaut, cat)
    }

    @Test func theAstronautIsFoundByPersonAndTheCatIsNot() throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.photos + "/astronaut.png"), "python3-skimage is missing")
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        try #require(status.classifier.ready, "classifier not ready: \(status.classifier.reason ?? "")")
        let (astronaut, cat) = try Self.upload(client)

        let found = try client.call(PhotosSearch.self, .init(query: "person")).photos.map(\.id)
        #expect(found == [astronaut])
        let photo = try client.call(PhotosGet.self, .init(id: astronaut))
        let tag = try #require(photo.tags?.first { $0.tag == "person" }, "\(photo.tags ?? [])")
        #expect(tag.source == "model" && tag.confidence > 0.5 && tag.confidence <= 1)
        #expect(!(photo.tags ?? []).contains { $0.tag == "group" }, "one astronaut is not a group")
        // Tags are matched in the singular, so "people" finds her too.
        #expect(try client.call(PhotosSearch.self, .init(query: "people")).photos.map(\.id) == [astronaut])
        let box = try #require(photo.personBoxes?.first, "no boxes: \(photo)")
        #expect(photo.personBoxes?.count == 1)
        #expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1.000_001 && box.y + box.height <= 1.000_001)
        #expect(box.x < 0.5 && box.x + box.width > 0.5, "the astronaut is in the middle: \(box)")
        // The cat was looked at (an empty list), and nobody was found.
        let catPhoto = try client.call(PhotosGet.self, .init(id: cat))
        #expect(catPhoto.personBoxes == [])
        #expect(!(catPhoto.tags ?? []).contains { $0.tag == "person" })

        // Reclassifying runs the detector again: the tag and the box come back, not doubled.
        #expect(try client.call(PhotosReclassify.self, .init(ids: [astronaut])).queued == 1)
        #expect(try client.call(PhotosWait.self, .init(ids: [astronaut], timeoutMs: 120_000)).complete)
        let again = try client.call(PhotosGet.self, .init(id: astronaut))
        #expect(again.tags?.filter { $0.tag == "person" }.count == 1)
        #expect(again.personBoxes?.count == 1)
    }

    @Test func withTheDetectorOffPhotosAreClassifiedWithoutIt() throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.photos + "/astronaut.png"), "python3-skimage is missing")
        let daemon = try DaemonHarness(arguments: ["--no-person-detector"]).start()
        let client = try daemon.client()
        try #require(try client.call(DaemonStatus.self, NoParams()).classifier.ready)
        let (astronaut, cat) = try Self.upload(client)
        #expect(try client.call(PhotosSearch.self, .init(query: "person")).photos.isEmpty)
        let photo = try client.call(PhotosGet.self, .init(id: astronaut))
        #expect(photo.personBoxes == nil)
        #expect(photo.labels?.count == 5)
        #expect(try client.call(PhotosGet.self, .init(id: cat)).tags?.contains { $0.tag == "cat" } == true)
    }
}
