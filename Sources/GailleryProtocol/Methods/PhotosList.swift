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

        public init(limit: Int? = nil, cursor: String? = nil, order: String? = nil) {
            self.limit = limit
            self.cursor = cursor
            self.order = order
        }
    }

    public typealias Result = PhotoPage
}
