/// `photos.duplicates`: groups of near-duplicate photos (resized, recompressed or lightly edited copies)
/// among those not in the trash. Two photos are linked when their perceptual hashes differ in at most
/// `max_hash_distance` of 64 bits and their embeddings' cosine similarity is at least `min_similarity`;
/// a group is a connected set of links.
public enum PhotosDuplicates: RPCMethod {
    public static let method = "photos.duplicates"

    public struct Params: Codable, Sendable, Equatable {
        /// 0...32, default 14 (fitted on one photo set, checked on another: Benchmarks/README.md, Duplicates).
        public var maxHashDistance: Int?
        /// -1...1, default 0.59 (fitted likewise).
        public var minSimilarity: Double?
        /// The most groups to return, largest first, 1...1000 (default 100).
        public var limit: Int?

        public init(maxHashDistance: Int? = nil, minSimilarity: Double? = nil, limit: Int? = nil) {
            self.maxHashDistance = maxHashDistance
            self.minSimilarity = minSimilarity
            self.limit = limit
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// The groups, largest first.
        public var groups: [Group]
        /// How many groups there are in all (more than `groups.count` when `limit` cut the list).
        public var total: Int

        public init(groups: [Group], total: Int) {
            self.groups = groups
            self.total = total
        }
    }

    /// One set of copies.
    public struct Group: Codable, Sendable, Equatable {
        /// The photos in list form, oldest id first.
        public var photos: [PhotoInfo]
        /// The largest hash distance among the links that made the group.
        public var maxHashDistance: Int
        /// The smallest embedding similarity among those links.
        public var minSimilarity: Double

        public init(photos: [PhotoInfo], maxHashDistance: Int, minSimilarity: Double) {
            self.photos = photos
            self.maxHashDistance = maxHashDistance
            self.minSimilarity = minSimilarity
        }
    }
}
