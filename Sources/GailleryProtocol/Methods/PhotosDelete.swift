/// `photos.delete`: moves a photo to the trash (never permanent; `trash.empty` is).
public enum PhotosDelete: RPCMethod {
    public static let method = "photos.delete"

    public struct Params: Codable, Sendable, Equatable {
        public var id: Int64

        public init(id: Int64) { self.id = id }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var id: Int64
        /// When it was trashed, ISO 8601 UTC.
        public var trashedAt: String

        public init(id: Int64, trashedAt: String) {
            self.id = id
            self.trashedAt = trashedAt
        }
    }
}
