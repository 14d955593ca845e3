/// `trash.list`: photos in the trash, most recently trashed first.
public enum TrashList: RPCMethod {
    public static let method = "trash.list"

    public struct Params: Codable, Sendable, Equatable {
        /// Page size, 1...1000 (default 100).
        public var limit: Int?
        public var cursor: String?

        public init(limit: Int? = nil, cursor: String? = nil) {
            self.limit = limit
            self.cursor = cursor
        }
    }

    public typealias Result = PhotoPage
}
