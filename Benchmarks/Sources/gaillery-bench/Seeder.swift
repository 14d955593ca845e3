import Foundation
import GRDB
import GailleryStore

/// Fills a data directory's index with photos as a classified library would hold them: 5 model tags
/// each from 300 tags (the top one at confidence 0.3..<1, the others at 0.01..<0.5), a manual tag on 1
/// photo in 50, 1 in 100 trashed, 3% failed and 2% queued, capture dates over 2015–2024 with 1 in 5
/// missing. Deterministic (`drand48`, seed 42). The rows have no originals on disk: search and
/// listing never read them. `GAILLERY_BENCH_EXTRA_TAGS=N` gives each photo N more model tags from
/// another 700 (`imp000`…, Zipf, confidence 0.05..<1), as WordNet's implied tags add (#21: a real
/// library went from 5.0 to 11.2 model tag rows per photo); the timed queries never name them.
enum Seeder {
    /// How often each tag is drawn.
    enum Distribution: String, CaseIterable {
        /// Every tag equally often: each is on about 1.7% of photos.
        case uniform
        /// Zipf (s = 1): tag i is drawn in proportion to 1/(i+1), so `dog` is on about 58% of photos,
        /// `cat` on 34%, `beach` on 24%, the rarest tag on about 0.3%.
        case zipf
    }

    /// The tags, most popular first under Zipf: ten everyday names, then `tag010`…`tag299`.
    static let tags: [String] = {
        let common = ["dog", "cat", "beach", "mountain", "car", "bird", "flower", "food", "building", "boat"]
        return common + (common.count..<300).map { String(format: "tag%03d", $0) }
    }()

    /// Seeds `photos` photos into a new index under `directory`.
    static func seed(directory: URL, photos: Int, distribution: Distribution = .zipf) throws {
        let store = try PhotoStore(directory: directory)
        srand48(42)
        func uniform(_ range: Range<Double>) -> Double {
            range.lowerBound + drand48() * (range.upperBound - range.lowerBound)
        }
        func oneIn(_ n: Int) -> Bool { Int(drand48() * Double(n)) == 0 }
        let weights = tags.indices.map { distribution == .zipf ? 1 / Double($0 + 1) : 1 }
        let cumulative = weights.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        func randomTag() -> String {
            tags[min(tags.count - 1, cumulative.lowerBound(above: uniform(0..<cumulative.last!)))]
        }
        let extra = Int(ProcessInfo.processInfo.environment["GAILLERY_BENCH_EXTRA_TAGS"] ?? "") ?? 0
        let implied = (0..<700).map { String(format: "imp%03d", $0) }
        let impliedCumulative = implied.indices.map { 1 / Double($0 + 1) }.reduce(into: [Double]()) {
            $0.append(($0.last ?? 0) + $1)
        }
        try store.pool.write { db in
            let photo = try db.makeStatement(
                sql: """
                    INSERT INTO photos (id, sha256, name, format, byte_size, width, height, taken_at, added_at, status,
                    trashed_at) VALUES (?, ?, ?, 'jpeg', 1000000, 1024, 768, ?, ?, ?, ?)
                    """)
            let tag = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO photo_tags (photo_id, tag, confidence, source) VALUES (?, ?, ?, ?)")
            for id in 1...max(1, photos) {
                let added = 1_500_000_000 + Double(id) * 3000
                let seconds = uniform(1_420_070_400..<1_735_689_600).rounded(.down)
                let taken = oneIn(5) ? nil : formatter.string(from: Date(timeIntervalSince1970: seconds))
                let roll = uniform(0..<100)
                let status = roll < 95 ? "done" : roll < 98 ? "failed" : "queued"
                let trashed: Double? = oneIn(100) ? added + 10 : nil
                try photo.execute(arguments: [
                    id, String(format: "%064x", id), "p\(id).jpg", taken, added, status, trashed,
                ])
                for rank in 0..<5 {
                    let confidence = rank == 0 ? uniform(0.3..<1) : uniform(0.01..<0.5)
                    try tag.execute(arguments: [id, randomTag(), confidence, "model"])
                }
                if oneIn(50) {
                    try tag.execute(arguments: [id, randomTag(), 1.0, "manual"])
                }
            }
            // After the rest, from their own seed: the other rows are the same whatever N is.
            srand48(43)
            for id in 1...max(1, photos) {
                for _ in 0..<extra {
                    let drawn = impliedCumulative.lowerBound(above: uniform(0..<impliedCumulative.last!))
                    try tag.execute(arguments: [id, implied[min(implied.count - 1, drawn)], uniform(0.05..<1), "model"])
                }
            }
        }
        try store.checkpoint()
    }
}

extension [Double] {
    /// The index of the first element above `value` in this ascending array (`count` when none).
    func lowerBound(above value: Double) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] > value { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
