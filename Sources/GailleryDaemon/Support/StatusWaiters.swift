import Foundation
import GailleryCore
import NIOConcurrencyHelpers

/// Lets `photos.wait` sleep until a photo reaches a final status, instead of polling the index.
///
/// Register first, then read the index, then wait: a status that changes in between still wakes the
/// waiter, because the registration is already in place.
package final class StatusWaiters: Sendable {
    private struct Entry {
        var ids: Set<PhotoID>
        var fired = false
        var continuation: CheckedContinuation<Void, Never>?
    }

    private let entries = NIOLockedValueBox([UInt64: Entry]())
    private let counter = NIOLockedValueBox<UInt64>(0)

    package init() {}

    /// Registers interest in `ids`; pass the token to `wait` or `cancel`.
    package func register(_ ids: Set<PhotoID>) -> UInt64 {
        let token = counter.withLockedValue { value -> UInt64 in
            value += 1
            return value
        }
        entries.withLockedValue { $0[token] = Entry(ids: ids) }
        return token
    }

    /// Forgets a registration that will not be waited on.
    package func cancel(_ token: UInt64) {
        let continuation = entries.withLockedValue { $0.removeValue(forKey: token)?.continuation }
        continuation?.resume()
    }

    /// Returns when one of the registered photos finished (since `register`), or at `deadline`.
    package func wait(_ token: UInt64, until deadline: ContinuousClock.Instant) async {
        let timer = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            self.fire(token)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = entries.withLockedValue { table -> Bool in
                guard var entry = table[token], !entry.fired else { return true }
                entry.continuation = continuation
                table[token] = entry
                return false
            }
            if resumeNow { continuation.resume() }
        }
        timer.cancel()
        entries.withLockedValue { _ = $0.removeValue(forKey: token) }
    }

    /// Called by the pipeline when `id` reached done or failed.
    package func finished(_ id: PhotoID) {
        let continuations = entries.withLockedValue { table -> [CheckedContinuation<Void, Never>] in
            var ready: [CheckedContinuation<Void, Never>] = []
            for (token, entry) in table where entry.ids.contains(id) && !entry.fired {
                table[token]?.fired = true
                if let continuation = entry.continuation {
                    ready.append(continuation)
                    table[token]?.continuation = nil
                }
            }
            return ready
        }
        for continuation in continuations { continuation.resume() }
    }

    private func fire(_ token: UInt64) {
        let continuation = entries.withLockedValue { table -> CheckedContinuation<Void, Never>? in
            guard var entry = table[token] else { return nil }
            entry.fired = true
            let continuation = entry.continuation
            entry.continuation = nil
            table[token] = entry
            return continuation
        }
        continuation?.resume()
    }
}
