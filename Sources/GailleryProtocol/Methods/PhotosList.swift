/// `photos.list`: photos not in the trash, newest first, a page at a time.
public enum PhotosList: RPCMethod {
    public static let method = "photos.list"

    public struct Params: Codable, Sendable, Equatable {
        /// Page size, 1...1000 (default 100).
        public var limit: Int?
        /// The `next_cursor` of the previous page.
        public var cursor: String?
        /// `added` (default: newest stored first) or `taken` (newest EXIF date first; photos without one last).
        public var order: String?
        /// True for launcher rows: each photo also carries `original_path`, `thumbnail_path` (once made) and
        /// its top tags with confidence 0.1 or more (at most `PhotoPage.fullRowTags`). Default false.
        public var full: Bool?

        public init(limit: Int? = nil, cursor: String? = nil, order: String? = nil, full: Bool? = nil) {
            self.limit = limit
            self.cursor = cursor
            self.order = order
            self.full = full
        }
    }

    public typealias Result = PhotoPage
}
