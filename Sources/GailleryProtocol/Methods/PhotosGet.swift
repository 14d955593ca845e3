/// `photos.get`: one photo in full (paths, tags, labels), trashed or not.
public enum PhotosGet: RPCMethod {
    public static let method = "photos.get"

    public struct Params: Codable, Sendable, Equatable {
        public var id: Int64

        public init(id: Int64) { self.id = id }
    }

    public typealias Result = PhotoInfo
}
