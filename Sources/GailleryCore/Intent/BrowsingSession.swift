/// What one client is looking at: a list of photos and a cursor, moved by voice or typed commands.
///
/// A pure value: `search`, `latest` and `all` results are set with `show(_:)`, `next()`/`previous()`
/// move the cursor (clamped, with a message at either end), `delete()` removes the current photo and
/// remembers it, `undo()` puts the last deleted photo back. Each step returns a `BrowsingStep` that
/// names the current photo and, for delete and undo, the store change the caller must make (trash or
/// restore). Because it is a value, a caller whose store change fails simply keeps the copy it had.
/// The daemon holds one per connection (or per named session).
public struct BrowsingSession: Sendable, Hashable {
    /// At most this many deletions can be undone, newest first.
    public static let undoLimit = 20

    /// The photos of the current view, in display order.
    public private(set) var photos: [PhotoID] = []
    /// Index of the current photo in `photos`; nil when the view is empty or closed.
    public private(set) var position: Int?
    /// Deleted photos that `undo()` can restore, the most recent last.
    public private(set) var deleted: [DeletedPhoto] = []
    /// Bumped each time `show(_:)` replaces the list, so undo knows whether a photo's old slot still means anything.
    private var generation = 0

    /// A photo removed by `delete()`: where it was, for `undo()`.
    public struct DeletedPhoto: Sendable, Hashable {
        /// The photo moved to the trash.
        public var photo: PhotoID
        /// Its index in the list at the time.
        public var index: Int
        fileprivate var generation: Int
    }

    /// An empty session.
    public init() {}

    /// The current photo, if any.
    public var current: PhotoID? { position.map { photos[$0] } }

    /// Replaces the list (after `search`, `latest` or `all`) and moves to its first photo.
    public mutating func show(_ photos: [PhotoID]) -> BrowsingStep {
        self.photos = photos
        position = photos.isEmpty ? nil : 0
        generation += 1
        return step(photos.isEmpty ? "no photos match" : "showing photo 1 of \(photos.count)")
    }

    /// Moves to the next photo; at the last one it stays and says so.
    public mutating func next() -> BrowsingStep { move(by: 1) }

    /// Moves to the previous photo; at the first one it stays and says so.
    public mutating func previous() -> BrowsingStep { move(by: -1) }

    /// Closes the view: the list is emptied; deletions can still be undone.
    public mutating func close() -> BrowsingStep {
        photos = []
        position = nil
        generation += 1
        return step("gallery closed")
    }

    /// Removes the current photo from the view and remembers it for `undo()`; the step's effect asks
    /// the caller to move it to the trash. The next photo (or the new last one) becomes current.
    public mutating func delete() -> BrowsingStep {
        guard let index = position else { return step("no photo is shown, so nothing was deleted") }
        let photo = photos.remove(at: index)
        deleted.append(DeletedPhoto(photo: photo, index: index, generation: generation))
        if deleted.count > Self.undoLimit { deleted.removeFirst(deleted.count - Self.undoLimit) }
        position = photos.isEmpty ? nil : min(index, photos.count - 1)
        return step("photo \(photo) moved to the trash; say \"undo\" to restore it", effect: .trash(photo))
    }

    /// Restores the most recently deleted photo: back into its old place (and current) when the list
    /// has not been replaced since, otherwise only in the store. The step's effect asks the caller to
    /// restore it from the trash.
    public mutating func undo() -> BrowsingStep {
        guard let last = deleted.popLast() else { return step("there is nothing to undo") }
        if last.generation == generation {
            let index = min(last.index, photos.count)
            photos.insert(last.photo, at: index)
            position = index
        }
        return step("photo \(last.photo) restored", effect: .restore(last.photo))
    }

    private mutating func move(by offset: Int) -> BrowsingStep {
        guard let index = position else { return step("no photos are shown; try \"show me photos of dogs\"") }
        let target = index + offset
        guard photos.indices.contains(target) else {
            return step(offset > 0 ? "this is the last photo" : "this is the first photo")
        }
        position = target
        return step("showing photo \(target + 1) of \(photos.count)")
    }

    private func step(_ message: String, effect: BrowsingStep.Effect? = nil) -> BrowsingStep {
        BrowsingStep(
            current: current,
            position: position.map { $0 + 1 },
            count: photos.count,
            message: message,
            effect: effect
        )
    }
}
