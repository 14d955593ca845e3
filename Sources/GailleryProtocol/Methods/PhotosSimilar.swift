/// `photos.similar`: the photos that look most like one photo ("more like this"), by cosine similarity of
/// the classifier's embeddings, best first; never the photo itself or a photo in the trash.
public enum PhotosSimilar: RPCMethod {
    public static let method = "photos.similar"

    public struct Params: Codable, Sendable, Equatable {
        /// The photo to match (it may be in the trash).
        public var id: Int64
        /// How many photos, 1...1000 (default 20).
        public var limit: Int?

        public init(id: Int64, limit: Int? = nil) {
            self.id = id
            self.limit = limit
        }
    }

    /// The photos in list form, each with `score`, the cosine similarity (-1...1; copies score near 1);
    /// no `next_cursor`.
    public typealias Result = PhotoPage
}
