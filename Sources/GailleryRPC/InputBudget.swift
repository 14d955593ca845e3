import NIOConcurrencyHelpers

/// A total for the bytes of half-received lines across all connections.
///
/// Each connection may hold up to the line limit (64 MiB by default) while a line arrives; without a
/// total, eight clients sending 60 MiB lines took the daemon from 240 to 724 MB. Every connection's
/// line decoder reports how many bytes it holds; when the sum passes `limit`, the connection holding the
/// most is refused (its `refuse` callback runs: an error line, then close) and its bytes stop counting.
package final class InputBudget: Sendable {
    /// The most bytes all connections may hold together.
    package let limit: Int
    private let state = NIOLockedValueBox(State())

    private struct State {
        var held: [Int: Int] = [:]
        var refusers: [Int: @Sendable (_ held: Int, _ total: Int) -> Void] = [:]
        var total = 0
    }

    /// - Parameter limit: the most bytes of unfinished lines held across connections.
    package init(limit: Int) {
        self.limit = limit
    }

    /// The bytes held now, across connections.
    package var total: Int { state.withLockedValue { $0.total } }

    /// Starts counting connection `id`; `refuse` runs (once, on any thread) if it is ever the one
    /// refused, with what it held and the total at that moment.
    package func open(_ id: Int, refuse: @escaping @Sendable (_ held: Int, _ total: Int) -> Void) {
        state.withLockedValue { $0.refusers[id] = refuse }
    }

    /// Records that connection `id` now holds `bytes`; refuses the largest holder when over the limit.
    package func update(_ id: Int, holding bytes: Int) {
        let refusal = state.withLockedValue { state -> (refuse: @Sendable (Int, Int) -> Void, Int, Int)? in
            // A connection already refused (or closed) no longer counts.
            guard state.refusers[id] != nil else { return nil }
            state.total += bytes - (state.held[id] ?? 0)
            state.held[id] = bytes
            guard state.total > limit, let (largest, held) = state.held.max(by: { $0.value < $1.value }) else {
                return nil
            }
            let total = state.total
            state.total -= held
            state.held[largest] = nil
            return state.refusers.removeValue(forKey: largest).map { ($0, held, total) }
        }
        if let (refuse, held, total) = refusal { refuse(held, total) }
    }

    /// Stops counting connection `id` (it closed).
    package func close(_ id: Int) {
        state.withLockedValue { state in
            state.total -= state.held.removeValue(forKey: id) ?? 0
            state.refusers[id] = nil
        }
    }
}
