/// `gallery.open`: a login URL for the web gallery, with a fresh one-time token (valid 120 s, single use),
/// opening the whole gallery, one photo, or a search.
public enum GalleryOpen: RPCMethod {
    public static let method = "gallery.open"

    public struct Params: Codable, Sendable, Equatable {
        /// Open this photo in the viewer.
        public var photo: Int64?
        /// Open the grid on this search (the query language of `photos.search`).
        public var query: String?

        public init(photo: Int64? = nil, query: String? = nil) {
            self.photo = photo
            self.query = query
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// `http://127.0.0.1:PORT/login?token=T&next=…`: open it in a browser within two minutes.
        public var url: String

        public init(url: String) { self.url = url }
    }
}
