/// `photos.wait`: returns when every listed photo is done or failed, or when the timeout passes.
public enum PhotosWait: RPCMethod {
    public static let method = "photos.wait"

    public struct Params: Codable, Sendable, Equatable {
        public var ids: [Int64]
        /// 0...600000 (default 30000).
        public var timeoutMs: Int?

        public init(ids: [Int64], timeoutMs: Int? = nil) {
            self.ids = ids
            self.timeoutMs = timeoutMs
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// Each photo's status at return, in the order asked.
        public var photos: [Item]
        /// True when every photo reached done or failed; false on timeout.
        public var complete: Bool

        public init(photos: [Item], complete: Bool) {
            self.photos = photos
            self.complete = complete
        }
    }

    public struct Item: Codable, Sendable, Equatable {
        public var id: Int64
        public var status: String
        public var error: String?

        public init(id: Int64, status: String, error: String? = nil) {
            self.id = id
            self.status = status
            self.error = error
        }
    }
}
