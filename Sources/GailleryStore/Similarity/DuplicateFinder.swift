/// A set of photos that are copies of one another (resized, recompressed, lightly edited).
package struct DuplicateGroup: Sendable, Equatable {
    /// The photo ids, ascending.
    package var ids: [Int64]
    /// The largest perceptual-hash distance of the links that joined the group, 0...64.
    package var maxHashDistance: Int
    /// The smallest embedding cosine similarity of those links.
    package var minSimilarity: Double
}

/// Finds near-duplicate groups: two photos are linked when their perceptual hashes differ in at most
/// `maxHashDistance` bits AND their embeddings' cosine similarity is at least `minSimilarity` (the hash
/// alone links unrelated photos of similar layout; the embedding alone links two shots of one scene),
/// and a group is a connected set of links.
///
/// Candidate pairs come from the pigeonhole principle, not from comparing every pair: cut the 64 bits into
/// `maxHashDistance + 1` chunks; two hashes at most that far apart agree exactly on at least one chunk, so
/// only photos sharing a chunk value are compared.
package struct DuplicateFinder: Sendable {
    /// The most differing hash bits for a link.
    package var maxHashDistance: Int
    /// The least cosine similarity for a link.
    package var minSimilarity: Double

    /// The thresholds fitted on one photo set and checked on another (Benchmarks/README.md, Duplicates):
    /// the middle of the gap between copies and unrelated photos on the fitting set (hash distance: copies
    /// at most 2 bits apart, unrelated at least 26; similarity: copies at least 0.82, unrelated at most 0.35).
    package static let standard = DuplicateFinder(maxHashDistance: 14, minSimilarity: 0.59)

    /// A finder with these thresholds (`maxHashDistance` is clamped to 0...63).
    package init(maxHashDistance: Int, minSimilarity: Double) {
        self.maxHashDistance = min(max(maxHashDistance, 0), 63)
        self.minSimilarity = minSimilarity
    }

    /// The groups among `codes`, largest first, then by smallest id.
    package func groups(in codes: SimilarityCodes) -> [DuplicateGroup] {
        let count = codes.count
        var parent = Array(0..<count)
        func root(_ slot: Int) -> Int {
            var slot = slot
            while parent[slot] != slot {
                parent[slot] = parent[parent[slot]]
                slot = parent[slot]
            }
            return slot
        }
        var linkDistance = [Int](repeating: 0, count: count)
        var linkSimilarity = [Double](repeating: 1, count: count)
        var linked = Set<Int64>()  // pairs already tested, as slot * count + slot
        for chunk in Self.chunks(maxHashDistance + 1) {
            var buckets: [UInt64: [Int]] = [:]
            for slot in 0..<count {
                buckets[(codes.hashes[slot] >> chunk.shift) & chunk.mask, default: []].append(slot)
            }
            for members in buckets.values where members.count > 1 {
                for (position, first) in members.enumerated() {
                    for second in members[(position + 1)...] {
                        guard linked.insert(Int64(first) * Int64(count) + Int64(second)).inserted else { continue }
                        let distance = (codes.hashes[first] ^ codes.hashes[second]).nonzeroBitCount
                        guard distance <= maxHashDistance,
                            let similarity = codes.similarity(codes.ids[first], codes.ids[second]),
                            similarity >= minSimilarity
                        else { continue }
                        let (a, b) = (root(first), root(second))
                        let joined = min(a, b)
                        parent[max(a, b)] = joined
                        linkDistance[joined] = max(linkDistance[a], linkDistance[b], distance)
                        linkSimilarity[joined] = min(linkSimilarity[a], linkSimilarity[b], similarity)
                    }
                }
            }
        }
        var members: [Int: [Int64]] = [:]
        for slot in 0..<count {
            members[root(slot), default: []].append(codes.ids[slot])
        }
        return members.filter { $0.value.count > 1 }.map { rootSlot, ids in
            DuplicateGroup(
                ids: ids.sorted(), maxHashDistance: linkDistance[rootSlot], minSimilarity: linkSimilarity[rootSlot])
        }.sorted { ($0.ids.count, -$0.ids[0]) > ($1.ids.count, -$1.ids[0]) }
    }

    /// `parts` disjoint bit ranges covering the 64 bits, as (shift, mask).
    package static func chunks(_ parts: Int) -> [(shift: UInt64, mask: UInt64)] {
        (0..<parts).map { part in
            let start = 64 * part / parts
            let width = 64 * (part + 1) / parts - start
            return (UInt64(start), width == 64 ? ~0 : (1 << UInt64(width)) - 1)
        }
    }
}
