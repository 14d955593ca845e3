/// `photos.search`: photos whose tags match a query (see the README's query language), best first.
public enum PhotosSearch: RPCMethod {
    public static let method = "photos.search"

    public struct Params: Codable, Sendable, Equatable {
        /// e.g. `dog beach`, `dog | cat -indoor`, `"golden retriever" since:2024-01-01`, `status:failed`.
        public var query: String
        /// Page size, 1...1000 (default 50).
        public var limit: Int?
        public var cursor: String?
        /// A photo has a tag only with at least this confidence, 0...1 (default 0.1).
        public var minConfidence: Double?
        /// True for launcher rows: each photo also carries `original_path`, `thumbnail_path` (once made) and
        /// its top tags at `min_confidence` or above (at most `PhotoPage.fullRowTags`), so no per-row
        /// `photos.get` is needed. Default false (the plain list form).
        public var full: Bool?

        public init(
            query: String, limit: Int? = nil, cursor: String? = nil, minConfidence: Double? = nil, full: Bool? = nil
        ) {
            self.query = query
            self.limit = limit
            self.cursor = cursor
            self.minConfidence = minConfidence
            self.full = full
        }
    }

    public typealias Result = PhotoPage
}
