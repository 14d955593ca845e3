/// `photos.upload`: stores one photo, from an absolute path the daemon can read or from base64 bytes.
///
/// The reply comes after the original is fsynced in place and indexed. The same bytes again return
/// the existing id with `duplicate: true` (and take it out of the trash if it was there).
public enum PhotosUpload: RPCMethod {
    public static let method = "photos.upload"

    public struct Params: Codable, Sendable, Equatable {
        /// Absolute path of a regular file. Exactly one of `path` and `data`.
        public var path: String?
        /// The file's bytes, base64.
        public var data: String?
        /// A name to remember (defaults to the path's last component).
        public var name: String?

        public init(path: String? = nil, data: String? = nil, name: String? = nil) {
            self.path = path
            self.data = data
            self.name = name
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var id: Int64
        public var sha256: String
        public var duplicate: Bool
        /// The photo's pipeline status at the time of the reply.
        public var status: String

        public init(id: Int64, sha256: String, duplicate: Bool, status: String) {
            self.id = id
            self.sha256 = sha256
            self.duplicate = duplicate
            self.status = status
        }
    }
}
