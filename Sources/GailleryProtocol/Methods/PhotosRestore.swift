/// `photos.restore`: takes a photo out of the trash.
public enum PhotosRestore: RPCMethod {
    public static let method = "photos.restore"

    public struct Params: Codable, Sendable, Equatable {
        public var id: Int64

        public init(id: Int64) { self.id = id }
    }

    public typealias Result = PhotoInfo
}
