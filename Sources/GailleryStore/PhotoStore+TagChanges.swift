import Synchronization

/// A registration made by `PhotoStore.observeTagChanges`; changes stop being reported on `cancel()`
/// or when it is released.
package final class TagChangeObservation: Sendable {
    private let cancellation: Mutex<(@Sendable () -> Void)?>

    init(cancel: @escaping @Sendable () -> Void) { cancellation = Mutex(cancel) }

    deinit { cancel() }

    /// Stops reporting changes (once; later calls do nothing).
    package func cancel() {
        let cancel = cancellation.withLock { cancellation in
            defer { cancellation = nil }
            return cancellation
        }
        cancel?()
    }
}

extension PhotoStore {
    /// Calls `onChange` after every committed transaction that changed which tags photos have: tag rows
    /// written by classification, reclassification or manual tagging, and photos added, deleted, moved
    /// to or restored from the trash. It rides on the commit observer that raises the change generation
    /// (`PhotoCountsCache`), which watches the tables every write path goes through, not the callers.
    ///
    /// `onChange` runs on the database writer's queue right after the commit, so it must only note the
    /// change (signal a waiting thread), never read or write the database itself.
    package func observeTagChanges(_ onChange: @escaping @Sendable () -> Void) -> TagChangeObservation {
        let cache = countsCache
        let number = cache.addListener(onChange)
        return TagChangeObservation { cache.removeListener(number) }
    }
}
