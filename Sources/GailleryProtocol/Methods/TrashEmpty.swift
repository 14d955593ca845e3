/// `trash.empty`: permanently deletes every photo in the trash, originals and thumbnails included.
public enum TrashEmpty: RPCMethod {
    public static let method = "trash.empty"
    public typealias Params = NoParams

    public struct Result: Codable, Sendable, Equatable {
        /// How many photos were deleted.
        public var removed: Int
        /// Bytes of originals freed.
        public var bytesFreed: Int64

        public init(removed: Int, bytesFreed: Int64) {
            self.removed = removed
            self.bytesFreed = bytesFreed
        }
    }
}
