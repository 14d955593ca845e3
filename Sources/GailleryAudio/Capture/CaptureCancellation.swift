import Foundation

/// A flag another thread raises to stop a capture in progress; the capture thread checks it once per
/// ALSA period (about 20 ms) and throws `CancellationError`.
///
/// `@unchecked Sendable`: its only state is a Bool guarded by its own lock.
package final class CaptureCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    /// A flag that is not raised.
    package init() {}

    /// Raises the flag; the capture stops at its next check. Safe from any thread, idempotent.
    package func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Whether `cancel()` was called.
    package var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
