import GailleryCore
import GailleryStore
import Testing

/// `tagsList` counts distinct non-trashed photos per tag; model tags below the threshold don't count,
/// manual tags always do.
@Suite struct SearchTagsListTests {
    let fixture: SearchFixture

    init() throws { fixture = try SearchFixture.tenPhotos() }

    private func list(_ prefix: String? = nil, limit: Int = 100, minConfidence: Double = 0.1) throws -> [String] {
        try fixture.store.tagsList(prefix: prefix, limit: limit, minConfidence: minConfidence).map {
            "\($0.tag)=\($0.count)"
        }
    }

    @Test func countsDistinctNonTrashedPhotos() throws {
        #expect(try list() == ["dog=5", "beach=2", "cat=2", "family=1", "golden retriever=1", "sea lion=1"])
        #expect(try fixture.store.tagsList(prefix: nil, limit: 100).map(\.count) == [5, 2, 2, 1, 1, 1])
    }

    @Test func thresholdAppliesToModelTagsOnly() throws {
        #expect(
            try list(minConfidence: 0) == ["dog=5", "beach=3", "cat=2", "family=1", "golden retriever=1", "sea lion=1"])
        #expect(try list(minConfidence: 0.95) == ["cat=1", "dog=1", "family=1"])
    }

    @Test func countsMatchSearch() throws {
        for entry in try fixture.store.tagsList(prefix: nil, limit: 100) {
            let query = TagQuery.tag(try TagName(entry.tag))
            let found = try fixture.store.search(
                query, minConfidence: PhotoStore.defaultMinConfidence, limit: 1000, cursor: nil)
            #expect(found.hits.count == entry.count, "\(entry.tag)")
        }
    }

    @Test func prefixIsNormalisedButNotSingularised() throws {
        #expect(try list("do") == ["dog=5"])
        #expect(try list("  DO") == ["dog=5"])
        #expect(try list("Dogs") == ["dog=5"], "the canonical form of a whole plural word is listed too")
        #expect(try list("golden_") == ["golden retriever=1"])
        #expect(try list("golden r") == ["golden retriever=1"])
        #expect(try list("s") == ["sea lion=1"], "secret is only on a trashed photo")
        #expect(try list("sea lions") == ["sea lion=1"])
        #expect(try list("x") == [])
        #expect(try list("") == list())
        #expect(try list(nil, limit: 2) == ["dog=5", "beach=2"])
    }

    @Test func badArgumentsAreInvalidInput() {
        for (limit, confidence) in [(0, 0.1), (10_001, 0.1), (10, 2.0)] {
            #expect {
                try fixture.store.tagsList(prefix: nil, limit: limit, minConfidence: confidence)
            } throws: { ($0 as? StoreError)?.isInvalidInput == true }
        }
    }
}
