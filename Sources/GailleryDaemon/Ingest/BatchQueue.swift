import Foundation

/// A bounded FIFO between two pipeline stages running on their own threads. Producers block while it
/// is full (back-pressure instead of growth); the consumer takes whatever is ready, up to a limit,
/// without waiting for more, so a lone photo is never held back to fill a batch. `close` lets the
/// consumer drain what is left and then see the end.
///
/// `@unchecked Sendable`: `items` and `closed` are only touched with `condition` locked.
final class BatchQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false

    /// The most elements the queue holds before `put` blocks.
    let capacity: Int

    /// An empty, open queue holding at most `capacity` (at least 1) elements.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends `element`, waiting while the queue is full. Must not be called after `close`.
    func put(_ element: Element) {
        condition.lock()
        defer { condition.unlock() }
        precondition(!closed, "BatchQueue.put after close")
        while items.count >= capacity { condition.wait() }
        items.append(element)
        condition.broadcast()
    }

    /// The oldest elements, at most `limit` (at least 1), waiting only while the queue is empty and open.
    /// An empty result means the queue is closed and drained.
    func take(upTo limit: Int) -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty, !closed { condition.wait() }
        let count = min(max(1, limit), items.count)
        let batch = Array(items.prefix(count))
        items.removeFirst(count)
        condition.broadcast()
        return batch
    }

    /// Marks the end of input: `take` returns what is left, then empty results.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
