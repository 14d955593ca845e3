import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// get, list, delete, restore, trash, tags, search and wait on stored photos.
@Suite struct PhotoLifecycleTests {
    /// Uploads `count` distinct JPEGs and waits for them.
    static func populate(_ client: RPCClient, count: Int, seedBase: Int = 0) throws -> [Int64] {
        let ids = try (0..<count).map { index in
            try client.call(
                PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: seedBase + index)).base64EncodedString())
            ).id
        }
        #expect(try client.call(PhotosWait.self, .init(ids: ids, timeoutMs: 60_000)).complete)
        return ids
    }

    @Test func listPagesThroughEveryPhotoOnce() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try Self.populate(client, count: 7)
        var seen: [Int64] = []
        var cursor: String?
        repeat {
            let page = try client.call(PhotosList.self, .init(limit: 3, cursor: cursor))
            seen += page.photos.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == ids.reversed())
        let taken = try client.call(PhotosList.self, .init(limit: 100, order: "taken"))
        #expect(Set(taken.photos.map(\.id)) == Set(ids))
        #expect(client.expectError(PhotosList.self, .init(cursor: "garbage"))?.code == .invalidParams)
        #expect(client.expectError(PhotosList.self, .init(order: "size"))?.code == .invalidParams)
    }

    @Test func deleteRestoreAndEmptyTheTrash() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try Self.populate(client, count: 3)
        let deleted = try client.call(PhotosDelete.self, .init(id: ids[0]))
        #expect(deleted.id == ids[0])
        #expect(try client.call(PhotosList.self, .init()).photos.map(\.id) == [ids[2], ids[1]])
        #expect(try client.call(TrashList.self, .init()).photos.map(\.id) == [ids[0]])
        #expect(try client.call(DaemonStatus.self, NoParams()).photos.trashed == 1)
        let restored = try client.call(PhotosRestore.self, .init(id: ids[0]))
        #expect(restored.trashedAt == nil)
        #expect(client.expectError(PhotosRestore.self, .init(id: ids[0]))?.code == .conflict)
        #expect(client.expectError(PhotosDelete.self, .init(id: 424_242))?.code == .notFound)

        _ = try client.call(PhotosDelete.self, .init(id: ids[1]))
        let original = try #require(try client.call(PhotosGet.self, .init(id: ids[1])).originalPath)
        let emptied = try client.call(TrashEmpty.self, NoParams())
        #expect(emptied.removed == 1)
        #expect(emptied.bytesFreed > 0)
        #expect(!FileManager.default.fileExists(atPath: original))
        #expect(client.expectError(PhotosGet.self, .init(id: ids[1]))?.code == .notFound)
        #expect(try client.call(PhotosList.self, .init()).photos.map(\.id) == [ids[2], ids[0]])
    }

    @Test func uploadingTrashedBytesRestoresThePhoto() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let bytes = Data(Fixtures.jpeg(seed: 5)).base64EncodedString()
        let first = try client.call(PhotosUpload.self, .init(data: bytes))
        _ = try client.call(PhotosDelete.self, .init(id: first.id))
        let again = try client.call(PhotosUpload.self, .init(data: bytes))
        #expect(again.duplicate && again.id == first.id)
        #expect(try client.call(PhotosGet.self, .init(id: first.id)).trashedAt == nil)
    }

    /// Tag words outside the model's vocabulary (checked against models/taxonomy.json), so that the
    /// classifier's own tags on these synthetic images cannot mix with the manual ones.
    @Test func manualTagsAreSearchableListedAndPluralAgnostic() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try Self.populate(client, count: 4)
        _ = try client.call(PhotosTag.self, .init(id: ids[0], add: ["Puppies", "picnic"]))
        _ = try client.call(PhotosTag.self, .init(id: ids[1], add: ["puppy"]))
        _ = try client.call(PhotosTag.self, .init(id: ids[2], add: ["kitten", "Summer Holidays"]))
        let tagged = try client.call(PhotosTag.self, .init(id: ids[3], add: ["kitten"], remove: []))
        #expect(
            tagged.tags.filter { $0.source == "manual" } == [PhotoTag(tag: "kitten", confidence: 1, source: "manual")])

        func search(_ query: String) throws -> Set<Int64> {
            Set(try client.call(PhotosSearch.self, .init(query: query)).photos.map(\.id))
        }
        #expect(try search("puppy") == [ids[0], ids[1]])
        #expect(try search("puppies") == [ids[0], ids[1]])
        #expect(try search("puppy picnic") == [ids[0]])
        #expect(try search("puppy & picnic") == [ids[0]])
        #expect(try search("puppy | kitten") == Set(ids))
        #expect(try search("kitten -puppy") == [ids[2], ids[3]])
        #expect(try search("kitten not puppy") == [ids[2], ids[3]])
        #expect(try search("(puppy | kitten) -picnic") == [ids[1], ids[2], ids[3]])
        #expect(try search("\"summer holiday\"") == [ids[2]])
        #expect(try search("since:2000-01-01 kitten") == [ids[2], ids[3]])
        #expect(try search("until:1999 kitten").isEmpty)
        let syntax = client.expectError(PhotosSearch.self, .init(query: "puppy & (kitten"))
        #expect(syntax?.code == .querySyntax)
        #expect(syntax?.data?["column"] != nil)

        let tags = try client.call(TagsList.self, .init(limit: 10_000)).tags
        #expect(tags.contains(TagsList.TagCount(tag: "kitten", count: 2)))
        #expect(tags.contains(TagsList.TagCount(tag: "puppy", count: 2)))
        #expect(try client.call(TagsList.self, .init(prefix: "summer")).tags.map(\.tag) == ["summer holiday"])

        let removed = try client.call(PhotosTag.self, .init(id: ids[0], remove: ["puppies"]))
        #expect(removed.tags.filter { $0.source == "manual" }.map(\.tag) == ["picnic"])
        _ = try client.call(PhotosDelete.self, .init(id: ids[1]))
        #expect(try search("puppy").isEmpty)
        #expect(client.expectError(PhotosTag.self, .init(id: ids[0]))?.code == .invalidParams)
        #expect(client.expectError(PhotosTag.self, .init(id: ids[0], add: [""]))?.code == .invalidParams)
    }

    @Test func waitTimesOutWithCurrentStatusesAndRejectsUnknownIDs() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try Self.populate(client, count: 1)
        let done = try client.call(PhotosWait.self, .init(ids: ids, timeoutMs: 0))
        #expect(done.complete)
        #expect(client.expectError(PhotosWait.self, .init(ids: [ids[0], 9999]))?.code == .notFound)
        #expect(client.expectError(PhotosWait.self, .init(ids: ids, timeoutMs: -1))?.code == .invalidParams)
    }
}
