import GailleryCore
import Synchronization

/// Each photo's row, rendered once by a caller-supplied function (the daemon renders the JSON of its
/// list form) and kept in memory, so a page of search results can be answered without reading the
/// database.
///
/// Coherence: entries are valid for one `PhotoStore.changeGeneration`, which rises after every commit
/// that touches `photos` or `photo_tags`. `load` reads the generation before its read transaction, so
/// its snapshot holds at least that generation's commits, and files what it rendered under it; a
/// newer generation empties the cache at the next `load`, and `cached` answers only for the current
/// generation. So a rendering is never used after a commit that could have changed its row, and a
/// write, once acknowledged, is seen by the next call (the generation rises before the writing method
/// returns). The cost is that any write empties the whole cache; it refills as pages are served.
package final class RenderedPhotoCache: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var rendered: [PhotoID: [UInt8]] = [:]
    }

    private let store: PhotoStore
    private let capacity: Int
    private let render: @Sendable (PhotoRecord) throws -> [UInt8]
    // Read by event loops and filled by pool threads: a short lock around dictionary access.
    private let state = Mutex(State())

    /// A cache of `render`'s output for `store`'s photos, holding at most `capacity` photos (when full,
    /// it is emptied and refills).
    package init(
        store: PhotoStore, capacity: Int = 100_000, render: @escaping @Sendable (PhotoRecord) throws -> [UInt8]
    ) {
        self.store = store
        self.capacity = capacity
        self.render = render
    }

    /// The renderings of `ids`, in order, from memory: nil unless every one is cached for `generation`
    /// (pass the current `PhotoStore.changeGeneration`).
    package func cached(_ ids: [PhotoID], generation: UInt64) -> [[UInt8]]? {
        if ids.isEmpty { return [] }
        return state.withLock { state in
            guard state.generation == generation else { return nil }
            var out: [[UInt8]] = []
            out.reserveCapacity(ids.count)
            for id in ids {
                guard let bytes = state.rendered[id] else { return nil }
                out.append(bytes)
            }
            return out
        }
    }

    /// The renderings of `ids`, in order, reading the ones not cached from the database (blocking);
    /// ids with no photo are left out, as `PhotoStore.photos` does.
    ///
    /// - Throws: what `PhotoStore.photos` or `render` throws.
    package func load(_ ids: [PhotoID]) throws -> [(id: PhotoID, rendered: [UInt8])] {
        let generation = store.changeGeneration
        var found: [PhotoID: [UInt8]] = state.withLock { state in
            guard state.generation == generation else { return [:] }
            var found: [PhotoID: [UInt8]] = [:]
            for id in ids { found[id] = state.rendered[id] }
            return found
        }
        let missing = ids.filter { found[$0] == nil }
        guard !missing.isEmpty else { return ids.compactMap { id in found[id].map { (id, $0) } } }
        var fresh: [PhotoID: [UInt8]] = [:]
        for record in try store.photos(missing) { fresh[record.id] = try render(record) }
        state.withLock { state in
            if state.generation < generation || state.rendered.count + fresh.count > capacity {
                state = State(generation: generation)
            }
            guard state.generation == generation else { return }
            state.rendered.merge(fresh) { _, new in new }
        }
        found.merge(fresh) { _, new in new }
        return ids.compactMap { id in found[id].map { (id, $0) } }
    }

    /// How many photos are cached (for tests).
    package var count: Int { state.withLock { $0.rendered.count } }
}
