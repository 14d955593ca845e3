/// `photos.reclassify`: runs the classifier again (e.g. after the default model changed) on the given
/// photos or on every photo. Model tags and labels are replaced; manual tags are kept.
public enum PhotosReclassify: RPCMethod {
    public static let method = "photos.reclassify"

    public struct Params: Codable, Sendable, Equatable {
        /// The photos to reclassify; exactly one of `ids` and `all`.
        public var ids: [Int64]?
        /// Reclassify every photo not in the trash.
        public var all: Bool?

        public init(ids: [Int64]? = nil, all: Bool? = nil) {
            self.ids = ids
            self.all = all
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// How many photos were queued (photos already queued are not queued twice).
        public var queued: Int
        /// The model that will classify them.
        public var model: String?

        public init(queued: Int, model: String?) {
            self.queued = queued
            self.model = model
        }
    }
}
