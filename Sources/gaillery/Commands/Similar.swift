import ArgumentParser
import GailleryProtocol

/// `gaillery similar ID`: more like this.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Show the photos that look most like one photo, most similar first.",
        discussion: """
            Compares the classifier's embeddings (cosine similarity, SCORE: copies score near 1.00). \
            Trashed photos are left out. Photos classified before embeddings were kept need \
            reclassifying first (the photos.reclassify method).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many photos, 1...1000 (default 20).")
    var limit: Int?

    @Argument(help: "The photo's id.")
    var id: Int64

    func run() throws {
        let page = try global.connect().call(PhotosSimilar.self, .init(id: id, limit: limit))
        guard !global.json else { return }
        if page.photos.isEmpty {
            Console.err("no other photo to compare photo \(id) with")
        } else {
            Console.out(PhotoTable.render(page.photos, columns: .score, colour: Console.colour))
        }
    }
}

/// `gaillery duplicates`: near-duplicate groups.
struct DuplicatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "List groups of near-duplicate photos (resized, recompressed or lightly edited copies).",
        discussion: """
            Two photos are copies when their perceptual hashes differ in at most --max-hash-distance of 64 \
            bits and their embeddings' similarity is at least --min-similarity. Trashed photos are left out; \
            delete the copies you do not want with `gaillery delete ID`.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The most differing hash bits, 0...32 (default 14).")
    var maxHashDistance: Int?

    @Option(help: "The least embedding similarity, -1...1 (default 0.59).")
    var minSimilarity: Double?

    @Option(help: "The most groups shown, 1...1000 (default 100).")
    var limit: Int?

    func run() throws {
        let result = try global.connect().call(
            PhotosDuplicates.self,
            .init(maxHashDistance: maxHashDistance, minSimilarity: minSimilarity, limit: limit))
        guard !global.json else { return }
        guard !result.groups.isEmpty else {
            Console.err("no near-duplicate photos")
            return
        }
        var blocks: [String] = []
        for (number, group) in result.groups.enumerated() {
            let heading =
                "group \(number + 1): \(group.photos.count) photos, hash distance ≤ \(group.maxHashDistance), "
                + "similarity ≥ \(String(format: "%.2f", group.minSimilarity))"
            blocks.append(heading + "\n" + PhotoTable.render(group.photos, colour: Console.colour))
        }
        Console.out(blocks.joined(separator: "\n\n"))
        if result.total > result.groups.count {
            Console.err("\(result.total - result.groups.count) more groups: raise --limit to see them")
        }
    }
}
