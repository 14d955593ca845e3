import Foundation
import GailleryCore
import GailleryStore
import Testing

/// Cursor paging: following `nextCursor` yields exactly the single-page result, with no duplicates or
/// gaps, for every plan (single tag, driven, scored scan, newest-first scan), including long runs of
/// equal scores.
@Suite struct SearchPagingTests {
    let fixture: SearchFixture

    /// 60 photos: every third has `tie` at exactly 0.5, the others spread confidences over `dog`/`cat`,
    /// a few are trashed, one has a manual `dog`.
    init() throws {
        fixture = try SearchFixture()
        for id in Int64(1)...60 {
            var tags: [String: Double] = [:]
            if id % 3 == 0 { tags["tie"] = 0.5 }
            if id % 2 == 0 { tags["dog"] = Double(id % 7 + 1) / 10 }
            if id % 5 == 0 { tags["cat"] = Double(id % 4 + 5) / 10 }
            try fixture.photo(
                id, status: id % 11 == 0 ? "failed" : "done", trashed: id % 13 == 0, tags: tags,
                manual: id == 42 ? ["dog"] : [])
        }
    }

    static let queries = ["tie", "dog", "dog | cat", "dog -cat", "tie | dog", "dog | -cat", "-dog", "status:done -tie"]

    @Test("pages join up to the unpaged result", arguments: queries, [1, 2, 7])
    func pagesJoinUp(query: String, pageSize: Int) throws {
        let whole = try fixture.hits(query, limit: 1000)
        let paged = try fixture.allPages(query, pageSize: pageSize)
        #expect(!whole.isEmpty)
        #expect(paged == whole)
        #expect(Set(paged.map(\.id)).count == paged.count, "duplicates")
    }

    @Test func orderIsScoreThenIdDescending() throws {
        for query in Self.queries {
            let hits = try fixture.hits(query, limit: 1000)
            let sorted = hits.sorted { ($0.score, $0.id) > ($1.score, $1.id) }
            #expect(hits == sorted, "\(query)")
        }
        #expect(try fixture.ids("tie", limit: 1000) == stride(from: 60, through: 3, by: -3).filter { $0 % 13 != 0 })
    }

    @Test func lastPageHasNoCursor() throws {
        let query = try TagQuery(parsing: "tie")
        let count = try fixture.hits("tie", limit: 1000).count
        let exact = try fixture.store.search(query, minConfidence: 0.1, limit: count, cursor: nil)
        #expect(exact.hits.count == count && exact.nextCursor == nil)
        let short = try fixture.store.search(query, minConfidence: 0.1, limit: count - 1, cursor: nil)
        #expect(short.nextCursor != nil)
    }

    @Test func malformedOrForeignCursorsAreInvalidInput() throws {
        let dog = try TagQuery(parsing: "dog")
        let page = try fixture.store.search(dog, minConfidence: 0.1, limit: 2, cursor: nil)
        let cursor = try #require(page.nextCursor)
        #expect(cursor.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, "base64url")
        let bad = [
            "", "garbage", "!!!!", String(cursor.dropLast()), String(repeating: "A", count: 28), cursor + "AAAA",
        ]
        for text in bad {
            #expect(throws: StoreError.self) {
                try fixture.store.search(dog, minConfidence: 0.1, limit: 2, cursor: text)
            }
        }
        let errors: [(TagQuery, Double)] = [(try TagQuery(parsing: "cat"), 0.1), (dog, 0.2)]
        for (query, confidence) in errors {
            do {
                _ = try fixture.store.search(query, minConfidence: confidence, limit: 2, cursor: cursor)
                Issue.record("a cursor from another query was accepted")
            } catch let error as StoreError {
                #expect(error.isInvalidInput)
                #expect(error.description.hasPrefix("the cursor belongs to a different query"))
            }
        }
        do {
            _ = try fixture.store.search(dog, minConfidence: 0.1, limit: 2, cursor: "garbage")
            Issue.record("a malformed cursor was accepted")
        } catch let error as StoreError {
            #expect(error.isInvalidInput)
            #expect(error.description.hasPrefix("malformed cursor \"garbage\"; pass the next_cursor"))
        }
    }

    @Test func trashingBetweenPagesNeitherRepeatsNorSkipsOthers() throws {
        let query = try TagQuery(parsing: "tie")
        let first = try fixture.store.search(query, minConfidence: 0.1, limit: 4, cursor: nil)
        let trashedId = first.hits[0].id.rawValue
        try fixture.store.pool.write { db in
            try db.execute(sql: "UPDATE photos SET trashed_at = 1 WHERE id = ?", arguments: [trashedId])
        }
        let rest = try fixture.store.search(query, minConfidence: 0.1, limit: 1000, cursor: first.nextCursor)
        let expected = try fixture.hits("tie", limit: 1000).filter { !first.hits.contains($0) }
        #expect(rest.hits == expected)
    }
}
