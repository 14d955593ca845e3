import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// `photos.search` and `photos.list` with `full: true` give what a launcher shows in each row (the
/// original's and the thumbnail's paths and the top tags), the same values `photos.get` gives; without it
/// the rows stay in the list form.
@Suite struct FullRowsTests {
    @Test func fullRowsCarryPathsAndTopTagsLikePhotosGet() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        try #require(status.classifier.ready, "classifier not ready: \(status.classifier.reason ?? "")")
        let ids = try VoiceFixtures.upload(["chelsea.png", "coffee.png"], with: client)
        let cat = ids[0]
        _ = try client.call(PhotosTag.self, .init(id: ids[1], add: ["cat"]))

        let page = try client.call(PhotosSearch.self, .init(query: "cat", minConfidence: 0.2, full: true))
        #expect(Set(page.photos.map(\.id)) == Set(ids))
        for row in page.photos {
            let full = try client.call(PhotosGet.self, .init(id: row.id))
            #expect(row.originalPath == full.originalPath)
            #expect(row.thumbnailPath != nil && row.thumbnailPath == full.thumbnailPath)
            #expect(FileManager.default.fileExists(atPath: row.thumbnailPath ?? ""))
            // The top tags: photos.get's tags at 0.2 or more, best first, at most five.
            let expected = Array((full.tags ?? []).filter { $0.confidence >= 0.2 }.prefix(PhotoPage.fullRowTags))
            #expect(row.tags == expected, "photo \(row.id)")
            #expect(row.labels == nil)
            #expect(row.score != nil)
            #expect(row.name == full.name && row.status == "done")
        }
        let catRow = try #require(page.photos.first { $0.id == cat })
        #expect(catRow.tags?.contains { $0.tag == "cat" && $0.source == "model" } == true)

        // The same search without `full`, twice (the second from memory): list-form rows, same order.
        for _ in 0..<2 {
            let plain = try client.call(PhotosSearch.self, .init(query: "cat", minConfidence: 0.2))
            #expect(plain.photos.map(\.id) == page.photos.map(\.id))
            #expect(plain.photos.map(\.score) == page.photos.map(\.score))
            #expect(plain.photos.allSatisfy { $0.originalPath == nil && $0.tags == nil })
        }

        let listed = try client.call(PhotosList.self, .init(limit: 1, full: true))
        #expect(listed.photos.map(\.id) == [ids[1]])
        #expect(listed.photos.first?.tags?.first == PhotoTag(tag: "cat", confidence: 1, source: "manual"))
        #expect(listed.photos.first?.score == nil)
        let next = try client.call(PhotosList.self, .init(limit: 1, cursor: listed.nextCursor, full: true))
        #expect(next.photos.map(\.id) == [cat])
        #expect(next.photos.first?.originalPath?.hasPrefix(daemon.dataDirectory.path) == true)
        #expect(try client.call(PhotosList.self, .init()).photos.allSatisfy { $0.thumbnailPath == nil })
    }
}
