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

        public init(query: String, limit: Int? = nil, cursor: String? = nil, minConfidence: Double? = nil) {
            self.query = query
            self.limit = limit
            self.cursor = cursor
            self.minConfidence = minConfidence
        }
    }

    public typealias Result = PhotoPage
}
