import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// `photos.search` answers from memory (the index and cached photo summaries) once a search has read
/// the database; every write in between (tags, trash, restore) is seen by the next search, whose
/// photos carry the same fields as `photos.get` gives.
@Suite struct SearchFromMemoryTests {
    /// The list form of `photos.get`'s answer, with the search's score.
    static func listForm(_ full: PhotoInfo, score: Double?) -> PhotoInfo {
        var info = full
        info.originalPath = nil
        info.thumbnailPath = nil
        info.tags = nil
        info.labels = nil
        info.personBoxes = nil
        info.score = score
        return info
    }

    @Test func repeatedSearchesFollowEveryWrite() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try PhotoLifecycleTests.populate(client, count: 3, seedBase: 40)
        func search(_ query: String) throws -> PhotoPage {
            let page = try client.call(PhotosSearch.self, .init(query: query, limit: 2))
            for photo in page.photos {
                let full = try client.call(PhotosGet.self, .init(id: photo.id))
                #expect(photo == Self.listForm(full, score: photo.score), "\(query): photo \(photo.id)")
            }
            // The same query again, now from memory: the same page.
            #expect(try client.call(PhotosSearch.self, .init(query: query, limit: 2)) == page)
            return page
        }
        _ = try client.call(PhotosTag.self, .init(id: ids[0], add: ["gnome"]))
        _ = try client.call(PhotosTag.self, .init(id: ids[2], add: ["gnome"]))
        let first = try search("gnome")
        #expect(first.photos.map(\.id) == [ids[2], ids[0]])
        #expect(first.photos.map(\.score) == [1, 1])
        #expect(first.nextCursor == nil)
        _ = try client.call(PhotosTag.self, .init(id: ids[1], add: ["gnome"]))
        let three = try search("gnome")
        #expect(three.photos.map(\.id) == [ids[2], ids[1]])
        let rest = try client.call(PhotosSearch.self, .init(query: "gnome", limit: 2, cursor: three.nextCursor))
        #expect(rest.photos.map(\.id) == [ids[0]])
        _ = try client.call(PhotosDelete.self, .init(id: ids[2]))
        #expect(try search("gnome").photos.map(\.id) == [ids[1], ids[0]])
        _ = try client.call(PhotosRestore.self, .init(id: ids[2]))
        _ = try client.call(PhotosTag.self, .init(id: ids[1], remove: ["gnome"]))
        #expect(try search("gnome").photos.map(\.id) == [ids[2], ids[0]])
        #expect(try search("gnome -gnome").photos.isEmpty)
    }
}
