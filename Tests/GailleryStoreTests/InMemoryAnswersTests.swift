import Foundation
import GailleryCore
import Testing

@testable import GailleryStore

/// Answers from memory (`searchInMemory`, `RenderedPhotoCache`) agree with the database after every
/// kind of write, or decline to answer; they never return what a committed write has changed.
@Suite struct InMemoryAnswersTests {
    /// A rendering that shows every column of the row.
    static func render(_ record: PhotoRecord) -> [UInt8] { Array("\(record)".utf8) }

    /// Checks the in-memory answers for `text` against the database, right after a write: whatever
    /// they answer must be current; after a search on the database has caught up, they must answer.
    static func expectCoherent(
        _ store: PhotoStore, _ cache: RenderedPhotoCache, _ text: String, _ minConfidence: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let query = try TagQuery(parsing: text)
        let reference = try store.search(
            query, minConfidence: minConfidence, limit: 1000, cursor: nil, strategy: .straightforward)
        let ids = reference.hits.map(\.id)
        let expected = try store.photos(ids).map(render)
        if let cached = cache.cached(ids, generation: store.changeGeneration) {
            #expect(cached == expected, "\(text): stale renderings", sourceLocation: sourceLocation)
        }
        let loaded = try cache.load(ids)
        #expect(loaded.map(\.rendered) == expected, "\(text): loaded renderings", sourceLocation: sourceLocation)
        #expect(cache.cached(ids, generation: store.changeGeneration) == expected, sourceLocation: sourceLocation)
        _ = try store.search(query, minConfidence: minConfidence, limit: 5, cursor: nil)
        let memory = try store.searchInMemory(
            query, minConfidence: minConfidence, limit: 1000, cursor: nil, generation: store.changeGeneration)
        if memory == nil {
            #expect(text.contains("since:") || text.contains("until:"), "\(text): no in-memory answer")
        } else {
            #expect(memory == reference, "\(text) at \(minConfidence) from memory", sourceLocation: sourceLocation)
        }
    }

    @Test func aWriteStopsInMemoryAnswersUntilASearchCatchesUp() throws {
        let fixture = try SearchFixture.tenPhotos()
        let store = fixture.store
        let query = try TagQuery(parsing: "dog")
        _ = try store.search(query, minConfidence: 0.1, limit: 5, cursor: nil)
        let before = store.changeGeneration
        #expect(try store.searchInMemory(query, minConfidence: 0.1, limit: 5, cursor: nil, generation: before) != nil)
        _ = try store.editManualTags(PhotoID(1), add: ["dog"], remove: [])
        let after = store.changeGeneration
        #expect(after > before)
        #expect(try store.searchInMemory(query, minConfidence: 0.1, limit: 5, cursor: nil, generation: after) == nil)
        _ = try store.search(query, minConfidence: 0.1, limit: 5, cursor: nil)
        let page = try store.searchInMemory(query, minConfidence: 0.1, limit: 5, cursor: nil, generation: after)
        #expect(page?.hits.prefix(2).map(\.id) == [PhotoID(8), PhotoID(1)], "manual tags (confidence 1) rank first")
    }

    @Test func aCostlyQueryIsDeclinedBelowItsCost() throws {
        let fixture = try SearchFixture.tenPhotos()
        let store = fixture.store
        let query = try TagQuery(parsing: "dog | cat -beach")
        _ = try store.search(query, minConfidence: 0.1, limit: 5, cursor: nil)
        let generation = store.changeGeneration
        func page(_ maximumCost: Int?) throws -> SearchPage? {
            try store.searchInMemory(
                query, minConfidence: 0.1, limit: 5, cursor: nil, generation: generation, maximumCost: maximumCost)
        }
        #expect(try page(0) == nil)
        #expect(try page(nil) == store.search(query, minConfidence: 0.1, limit: 5, cursor: nil))
        #expect(try page(1000) == page(nil))
    }

    @Test func renderingsFollowTrashRestoreAndStatus() throws {
        let fixture = try SearchFixture.tenPhotos()
        let store = fixture.store
        let cache = RenderedPhotoCache(store: store, render: Self.render)
        let ids = [PhotoID(3), PhotoID(1)]
        _ = try cache.load(ids)
        #expect(cache.cached(ids, generation: store.changeGeneration) != nil)
        _ = try store.trash(PhotoID(3), now: 5)
        #expect(cache.cached(ids, generation: store.changeGeneration) == nil)
        #expect(try cache.load(ids).map(\.rendered) == store.photos(ids).map(Self.render))
        try store.restore(PhotoID(3))
        try store.setStatus(PhotoID(1), .failed)
        #expect(try cache.load(ids).map(\.rendered) == store.photos(ids).map(Self.render))
        #expect(try cache.load([PhotoID(999), PhotoID(1)]).map(\.id) == [PhotoID(1)], "unknown ids are left out")
    }

    @Test func aRolledBackWriteKeepsTheGeneration() throws {
        struct Abort: Error {}
        let fixture = try SearchFixture.tenPhotos()
        let before = fixture.store.changeGeneration
        #expect(throws: Abort.self) {
            try fixture.store.pool.write { db in
                try db.execute(sql: "UPDATE photo_tags SET confidence = 0")
                throw Abort()
            }
        }
        #expect(fixture.store.changeGeneration == before)
        try SearchIndexCoherenceTests.sql(
            fixture.store, "UPDATE photo_tags SET confidence = 0.5 WHERE photo_id = 1", [])
        #expect(fixture.store.changeGeneration == before + 1, "a tag-only commit raises it")
    }

    @Test(arguments: [0, 1, 2, 5, 20, 21, 22, 23])
    func cursorsAreFoundationsBase64URL(count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) }
        let foundation = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(SearchCursor.base64URL(bytes) == foundation)
    }
}
