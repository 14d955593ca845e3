import Dispatch
import Foundation
import GailleryStore
import GailleryTestSupport

/// `photos.similar`'s search over N embeddings: the int8 codes (`SimilarityCodes`, what the daemon
/// scans) beside an exact float32 brute force over the same vectors with the same two-thread split, in
/// one process, alternating query by query; and the codes' recall of the exact top 10.
///
/// The vectors are synthetic but shaped like the classifier's: non-negative (pooled ReLU6 activations),
/// L2-normalised, 1,280 values, drawn around 2,000 cluster centres so each has real near neighbours.
enum SimilarBenchmark {
    static let dimension = 1280
    static let queries = Int(environment("GAILLERY_BENCH_QUERIES") ?? "") ?? 300

    static func run(photos count: Int) throws {
        var random = SplitMix64(seed: 21)
        let vectors = makeVectors(count, &random)
        var codes = SimilarityCodes()
        for (index, vector) in vectors.enumerated() {
            codes.upsert(Int64(index + 1), embedding: vector, hash: 0, model: "bench")
        }
        let flat = vectors.flatMap { $0 }
        var int8Times = Samples()
        var floatTimes = Samples()
        var recalled = 0
        var scoreError = 0.0
        for query in 0..<queries {
            let id = Int64(random.next() % UInt64(count)) + 1
            var exact: [SimilarityCodes.Neighbour] = []
            var approximate: [SimilarityCodes.Neighbour] = []
            // Alternate which goes first, so neither always runs on a warmer cache.
            for side in (query % 2 == 0 ? [0, 1] : [1, 0]) {
                let start = now()
                if side == 0 {
                    approximate = codes.nearest(to: id, limit: 10)
                    int8Times.nanoseconds.append(now() - start)
                } else {
                    exact = bruteForce(flat, count: count, query: Int(id - 1), limit: 10)
                    floatTimes.nanoseconds.append(now() - start)
                }
            }
            recalled += Set(exact.map(\.id)).intersection(approximate.map(\.id)).count
            let truth = Dictionary(uniqueKeysWithValues: exact.map { ($0.id, $0.score) })
            for hit in approximate {
                if let score = truth[hit.id] { scoreError = max(scoreError, abs(score - hit.score)) }
            }
        }
        print("== Similar (photos.similar's scan: \(count) vectors × \(dimension), top 10, \(queries) queries) ==")
        print("| scan | memory MB | p50 ms | p99 ms |")
        print("|---|---|---|---|")
        print(
            "| int8 codes + scale (SimilarityCodes, 2 threads) | \(format(Double(codes.memoryFootprint) / 1e6, 0)) | "
                + "\(format(int8Times.p50 / 1000, 2)) | \(format(int8Times.p99 / 1000, 2)) |")
        print(
            "| exact float32 brute force (2 threads) | \(format(Double(flat.count * 4) / 1e6, 0)) | "
                + "\(format(floatTimes.p50 / 1000, 2)) | \(format(floatTimes.p99 / 1000, 2)) |")
        print(
            "int8 / float32 p50: \(format(int8Times.p50 / floatTimes.p50, 2)); recall@10 of the exact top 10: "
                + "\(format(Double(recalled) / Double(queries * 10) * 100, 2))%; largest score error "
                + "\(format(scoreError, 4))")
    }

    /// `count` unit vectors: a cluster centre plus noise, clipped at 0 like pooled ReLU6 features.
    static func makeVectors(_ count: Int, _ random: inout SplitMix64) -> [[Float]] {
        let centres = (0..<2000).map { _ in (0..<dimension).map { _ in max(0, random.gaussian()) } }
        return (0..<count).map { _ in
            let centre = centres[Int(random.next() % UInt64(centres.count))]
            let vector = centre.map { max(0, $0 + 0.6 * random.gaussian()) }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return vector.map { $0 / norm }
        }
    }

    /// The exact top `limit` by float32 dot product (the vectors are unit length), the query left out,
    /// split over two threads like the codes' scan.
    static func bruteForce(_ flat: [Float], count: Int, query: Int, limit: Int) -> [SimilarityCodes.Neighbour] {
        let parts = 2
        let results = ResultParts(parts)
        let dimension = dimension
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var best: [(id: Int, score: Float)] = []
            flat.withUnsafeBufferPointer { all in
                let q = all.baseAddress! + query * dimension
                for row in (count * part / parts)..<(count * (part + 1) / parts) where row != query {
                    let v = all.baseAddress! + row * dimension
                    var sum: Float = 0
                    for index in 0..<dimension { sum += q[index] * v[index] }
                    if best.count == limit, sum <= best[limit - 1].score { continue }
                    best.append((row, sum))
                    best.sort { $0.score > $1.score }
                    if best.count > limit { best.removeLast() }
                }
            }
            results.set(part, best)
        }
        let merged: [(id: Int, score: Float)] = results.all.flatMap { $0 }.sorted { $0.score > $1.score }
        return merged.prefix(limit).map { SimilarityCodes.Neighbour(id: Int64($0.id + 1), score: Double($0.score)) }
    }

    /// Per-thread results, written under a lock.
    final class ResultParts: @unchecked Sendable {
        private var parts: [[(id: Int, score: Float)]]
        private let lock = NSLock()

        init(_ count: Int) { parts = Array(repeating: [], count: count) }

        func set(_ part: Int, _ value: [(id: Int, score: Float)]) { lock.withLock { parts[part] = value } }

        var all: [[(id: Int, score: Float)]] { lock.withLock { parts } }
    }
}
