import GRDB

/// A registration made by `PhotoStore.observeTagChanges`; changes stop being reported on `cancel()`
/// or when it is released.
package final class TagChangeObservation: Sendable {
    private let cancellable: AnyDatabaseCancellable

    init(_ cancellable: AnyDatabaseCancellable) { self.cancellable = cancellable }

    /// Stops reporting changes.
    package func cancel() { cancellable.cancel() }
}

extension PhotoStore {
    /// Calls `onChange` after every committed transaction that changed which tags photos have: tag rows
    /// written by classification, reclassification or manual tagging, and photos added, deleted, moved
    /// to or restored from the trash. It covers every write path because it watches the trigger-fed change
    /// log (`search_changes`), not the callers.
    ///
    /// `onChange` runs on the database writer's queue right after the commit, so it must only note the
    /// change (signal a waiting thread), never read or write the database itself.
    package func observeTagChanges(_ onChange: @escaping @Sendable () -> Void) -> TagChangeObservation {
        // photo_tags and tag_counts are WITHOUT ROWID tables, which SQLite's update hook (and so GRDB)
        // does not report; search_changes is the rowid log the triggers on photos and photo_tags feed.
        let observation = DatabaseRegionObservation(tracking: Table("search_changes"))
        return TagChangeObservation(
            observation.start(in: pool, onError: { _ in onChange() }, onChange: { _ in onChange() }))
    }
}
