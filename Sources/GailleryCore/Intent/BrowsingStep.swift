/// What a `BrowsingSession` step did: the photo now shown, where it is in the list, a message for the
/// user, and the store change the caller must carry out (if any).
public struct BrowsingStep: Sendable, Hashable, Codable {
    /// A change to the photo store that the step asks for.
    public enum Effect: Sendable, Hashable, Codable {
        /// Move the photo to the trash (never a permanent delete).
        case trash(PhotoID)
        /// Restore the photo from the trash.
        case restore(PhotoID)
    }

    /// The photo now shown; nil when the view is empty or closed.
    public var current: PhotoID?
    /// 1-based position of `current` in the list; nil when nothing is shown.
    public var position: Int?
    /// Number of photos in the list.
    public var count: Int
    /// A short sentence for the user ("showing photo 3 of 12", "this is the last photo").
    public var message: String
    /// The store change to make, for delete and undo.
    public var effect: Effect?

    /// Creates a step description.
    public init(current: PhotoID?, position: Int?, count: Int, message: String, effect: Effect? = nil) {
        self.current = current
        self.position = position
        self.count = count
        self.message = message
        self.effect = effect
    }
}
