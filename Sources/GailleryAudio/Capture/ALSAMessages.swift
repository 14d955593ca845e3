import CALSA
import Foundation

/// Collects the diagnostics ALSA reports (e.g. "Unknown PCM mic", "cannot find card '0'") on the capture
/// thread, so errors can quote them and the daemon's stderr stays clean.
///
/// ALSA hands its messages to a handler installed per thread with `snd_lib_error_set_local`; ours keeps
/// the first few for the thread (keyed by `pthread_self`) while `collect` runs, and ALSA prints nothing.
/// `@unchecked Sendable`: the only state, the per-thread lists, is guarded by the lock.
final class ALSAMessages: @unchecked Sendable {
    /// The process-wide collector.
    static let shared = ALSAMessages()

    /// Messages kept per thread between `take()` calls (the first ones are the causes).
    private static let limit = 8
    private let lock = NSLock()
    private var messages: [pthread_t: [String]] = [:]

    /// Runs `body` with ALSA's messages on this thread collected rather than printed.
    func collect<T>(_ body: () throws -> T) rethrows -> T {
        let thread = pthread_self()
        lock.withLock { messages[thread] = [] }
        let previous = snd_lib_error_set_local(collectMessage)
        defer {
            snd_lib_error_set_local(previous)
            lock.withLock { messages[thread] = nil }
        }
        return try body()
    }

    /// The first message ALSA reported on this thread since the last call, clearing them; nil if none
    /// (or when not inside `collect`).
    func take() -> String? {
        let thread = pthread_self()
        return lock.withLock {
            defer { if messages[thread] != nil { messages[thread] = [] } }
            return messages[thread]?.first
        }
    }

    /// Records `message` for the calling thread, if it is collecting.
    fileprivate func append(_ message: String) {
        let thread = pthread_self()
        lock.withLock {
            if let list = messages[thread], list.count < Self.limit { messages[thread] = list + [message] }
        }
    }
}

/// The handler ALSA calls (on the thread that hit the problem) with a printf format and its arguments.
private let collectMessage: snd_local_error_handler_t = { _, _, _, code, format, arguments in
    guard let format, let arguments else { return }
    var buffer = [CChar](repeating: 0, count: 512)
    _ = vsnprintf(&buffer, buffer.count, format, arguments)
    var message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if code != 0 { message += ": " + String(cString: strerror(code)) }  // ALSA's SYSERR passes errno
    ALSAMessages.shared.append(message)
}
