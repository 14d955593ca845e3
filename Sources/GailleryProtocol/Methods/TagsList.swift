/// `tags.list`: tags in use with how many photos (not trashed) carry each, most used first.
public enum TagsList: RPCMethod {
    public static let method = "tags.list"

    public struct Params: Codable, Sendable, Equatable {
        /// Only tags starting with this (canonical form).
        public var prefix: String?
        /// At most this many, 1...10000 (default 100).
        public var limit: Int?

        public init(prefix: String? = nil, limit: Int? = nil) {
            self.prefix = prefix
            self.limit = limit
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var tags: [TagCount]

        public init(tags: [TagCount]) { self.tags = tags }
    }

    public struct TagCount: Codable, Sendable, Equatable {
        public var tag: String
        public var count: Int

        public init(tag: String, count: Int) {
            self.tag = tag
            self.count = count
        }
    }
}
