/// `photos.tag`: adds or removes manual tags. Manual tags are searchable like the model's and are never
/// changed by (re)classification.
public enum PhotosTag: RPCMethod {
    public static let method = "photos.tag"

    public struct Params: Codable, Sendable, Equatable {
        public var id: Int64
        /// Tags to add (canonicalised: lowercase, singular).
        public var add: [String]?
        /// Manual tags to remove.
        public var remove: [String]?

        public init(id: Int64, add: [String]? = nil, remove: [String]? = nil) {
            self.id = id
            self.add = add
            self.remove = remove
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var id: Int64
        /// All of the photo's tags after the change, best first.
        public var tags: [PhotoTag]

        public init(id: Int64, tags: [PhotoTag]) {
            self.id = id
            self.tags = tags
        }
    }
}
