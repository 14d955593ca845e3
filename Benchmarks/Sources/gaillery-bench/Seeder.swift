import Foundation
import GRDB
import GailleryStore

/// Fills a data directory's index with photos that carry model tags, as a classified library would:
/// ~5 tags each, drawn from 300 tags with a skewed (Zipf-like) popularity, random confidences.
/// The rows have no originals on disk: search and listing never read them.
enum Seeder {
    static let tags: [String] = {
        let common = ["dog", "cat", "beach", "mountain", "car", "bird", "flower", "food", "building", "boat"]
        return common + (common.count..<300).map { "tag\($0)" }
    }()

    static func seed(directory: URL, photos: Int) throws {
        let store = try PhotoStore(directory: directory)
        var generator = SystemRandomNumberGenerator()
        let batch = 5000
        var inserted = 0
        while inserted < photos {
            let count = min(batch, photos - inserted)
            let base = inserted
            try store.pool.write { db in
                for index in 0..<count {
                    let number = base + index
                    let sha = String(format: "%064x", number)
                    try db.execute(
                        sql: """
                            INSERT INTO photos (sha256, name, format, byte_size, width, height, orientation, taken_at,
                            added_at, status) VALUES (?, ?, 'jpeg', 1000000, 1024, 768, 1, ?, ?, 'done')
                            """,
                        arguments: [sha, "p\(number).jpg", String(format: "20%02d-%02d-15T12:00:00", 10 + number % 15, 1 + number % 12),
                                    1_700_000_000 + Double(number)])
                    let id = db.lastInsertedRowID
                    var chosen = Set<Int>()
                    while chosen.count < 5 {
                        // Zipf-like: small indexes are much more likely.
                        let u = Double.random(in: 0..<1, using: &generator)
                        chosen.insert(min(tags.count - 1, Int(pow(u, 3) * Double(tags.count))))
                    }
                    for tag in chosen {
                        try db.execute(
                            sql: "INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (?, ?, ?, 'model')",
                            arguments: [id, tags[tag], Double.random(in: 0.05..<1, using: &generator)])
                    }
                }
            }
            inserted += count
        }
        try store.checkpoint()
    }
}
