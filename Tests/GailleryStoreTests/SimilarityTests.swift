import Foundation
import GRDB
import GailleryCore
import GailleryStore
import GailleryTestSupport
import Testing

/// The similarity index: int8 codes against exact float dot products, catching up with the store's
/// writes (appearance written, photo trashed, restored, deleted), the answers `similar` gives, and the
/// duplicate groups.
@Suite struct SimilarityTests {
    /// A unit vector of `dimension` non-negative values (like pooled ReLU features).
    static func vector(_ random: inout SplitMix64, dimension: Int = 64) -> [Float] {
        let values = (0..<dimension).map { _ in max(0, random.gaussian()) }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    /// `base` moved a little, renormalised.
    static func nudged(_ base: [Float], _ random: inout SplitMix64, by amount: Float) -> [Float] {
        let values = base.map { max(0, $0 + amount * random.gaussian()) }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Double { zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) } }

    @Test func codesRankLikeExactDotProducts() {
        var random = SplitMix64(seed: 7)
        let vectors = (0..<3000).map { _ in Self.vector(&random) }
        var codes = SimilarityCodes()
        for (index, vector) in vectors.enumerated() {
            let added = codes.upsert(Int64(index + 1), embedding: vector, hash: 0, model: "m")
            #expect(added)
        }
        for query in [0, 17, 2999] {
            let found = codes.nearest(to: Int64(query + 1), limit: 5)
            let exact = vectors.indices.filter { $0 != query }
                .map { (id: Int64($0 + 1), score: Self.dot(vectors[query], vectors[$0])) }
                .sorted { $0.score > $1.score }
            #expect(found.count == 5)
            #expect(!found.contains { $0.id == Int64(query + 1) }, "the photo itself is left out")
            #expect(found[0].id == exact[0].id)
            for hit in found {
                let truth = Self.dot(vectors[query], vectors[Int(hit.id) - 1])
                #expect(abs(hit.score - truth) < 0.01, "int8 score \(hit.score) vs exact \(truth)")
            }
            #expect(zip(found, found.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
    }

    @Test func removeKeepsTheOthersAndOtherModelsAreNotCompared() {
        var random = SplitMix64(seed: 8)
        let vectors = (0..<10).map { _ in Self.vector(&random) }
        var codes = SimilarityCodes()
        for (index, vector) in vectors.enumerated() {
            codes.upsert(Int64(index + 1), embedding: vector, hash: UInt64(index), model: index < 8 ? "a" : "b")
        }
        codes.remove(3)
        codes.remove(99)
        #expect(codes.count == 9)
        #expect(!codes.contains(3))
        #expect(codes.hash(of: 10) == 9, "the last slot moved into the hole keeps its hash")
        let found = codes.nearest(to: 1, limit: 20).map(\.id)
        #expect(Set(found) == [2, 4, 5, 6, 7, 8], "model b's photos 9 and 10 and the removed 3 are not candidates")
        #expect(codes.nearest(to: 9, limit: 5).map(\.id) == [10])
        let refused = !codes.upsert(11, embedding: [1, 0], hash: 0, model: "a")
        #expect(refused, "a vector of another length is refused")
    }

    @Test func indexFollowsAppearanceTrashRestoreAndDelete() throws {
        let fixture = try SearchFixture()
        let store = fixture.store
        var random = SplitMix64(seed: 9)
        let base = Self.vector(&random, dimension: 1280)
        for id in Int64(1)...5 { try fixture.photo(id) }
        try fixture.photo(6, status: "queued")
        // 2 is a near copy of 1; 3, 4, 5 are further away, in that order.
        let embeddings: [Int64: [Float]] = [
            // The components of a unit vector of 1,280 are about 0.03: nudges are measured against that.
            1: base, 2: Self.nudged(base, &random, by: 0.002), 3: Self.nudged(base, &random, by: 0.02),
            4: Self.nudged(base, &random, by: 0.05), 5: Self.vector(&random, dimension: 1280),
        ]
        for (id, embedding) in embeddings {
            try store.recordAppearance(
                PhotoID(id), AppearanceRecord(model: "m", hash: UInt64(id) << 8, embedding: embedding))
        }
        #expect(try Self.neighbours(store, 1) == [2, 3, 4, 5])
        #expect(try store.similar(to: PhotoID(6), limit: 3) == .notClassified(.queued))
        #expect(try store.similar(to: PhotoID(77), limit: 3) == .unknownPhoto)
        let loads = store.similarityIndex.loadCount

        _ = try store.trash(PhotoID(2), now: 1)
        #expect(try Self.neighbours(store, 1) == [3, 4, 5], "a trashed photo is never an answer")
        #expect(try Self.neighbours(store, 2) == [1, 3, 4, 5], "a trashed photo can still be asked about")
        try store.restore(PhotoID(2))
        #expect(try Self.neighbours(store, 1) == [2, 3, 4, 5])
        try store.pool.write { db in try db.execute(sql: "DELETE FROM photos WHERE id = 3") }
        #expect(try Self.neighbours(store, 1) == [2, 4, 5])
        // A new embedding for 5 equal to 1's makes it the nearest.
        try store.recordAppearance(PhotoID(5), AppearanceRecord(model: "m", hash: 0, embedding: base))
        #expect(try Self.neighbours(store, 1).first == 5)
        #expect(store.similarityIndex.loadCount == loads, "every change was replayed, none reloaded the index")

        // The stored float16 keeps the vector within its precision.
        let stored = try #require(try store.appearance(of: PhotoID(4)))
        #expect(stored.hash == 4 << 8)
        #expect(zip(stored.embedding, embeddings[4]!).allSatisfy { abs($0 - $1) < 0.001 })
    }

    @Test func duplicatesNeedBothACloseHashAndACloseEmbedding() throws {
        let fixture = try SearchFixture()
        let store = fixture.store
        var random = SplitMix64(seed: 10)
        let base = Self.vector(&random, dimension: 128)
        let other = Self.vector(&random, dimension: 128)
        let hash: UInt64 = 0x0123_4567_89AB_CDEF
        // 1, 2, 3: copies (a few bits apart, near-identical embeddings), 2-3 linked only through 1's
        // neighbours; 4: same hash, unrelated embedding; 5: close embedding, far hash; 6: trashed copy.
        let rows: [(Int64, UInt64, [Float])] = [
            (1, hash, base), (2, hash ^ 0b101, Self.nudged(base, &random, by: 0.02)),
            (3, hash ^ (0b11 << 60), Self.nudged(base, &random, by: 0.02)), (4, hash ^ 1, other),
            (5, ~hash, base), (6, hash, base),
        ]
        for (id, bits, embedding) in rows {
            try fixture.photo(id, trashed: id == 6)
            try store.recordAppearance(PhotoID(id), AppearanceRecord(model: "m", hash: bits, embedding: embedding))
        }
        let groups = try store.duplicates(maxHashDistance: 12, minSimilarity: 0.8)
        #expect(groups.map(\.ids) == [[1, 2, 3]])
        #expect(groups.first?.maxHashDistance == 4)
        #expect((groups.first?.minSimilarity ?? 0) > 0.95)
        #expect(try store.duplicates(maxHashDistance: 1, minSimilarity: 0.8).isEmpty)
    }

    @Test("chunks cover the 64 bits once", arguments: [1, 2, 5, 13, 33, 64])
    func chunksCoverEveryBit(parts: Int) {
        let chunks = DuplicateFinder.chunks(parts)
        var covered: UInt64 = 0
        for chunk in chunks {
            let bits = chunk.mask << chunk.shift
            #expect(covered & bits == 0)
            covered |= bits
        }
        #expect(covered == ~0)
    }

    static func neighbours(_ store: PhotoStore, _ id: Int64) throws -> [Int64] {
        guard case .neighbours(let found) = try store.similar(to: PhotoID(id), limit: 10) else { return [] }
        return found.map(\.id)
    }
}
