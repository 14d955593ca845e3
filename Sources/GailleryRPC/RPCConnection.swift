import Foundation
import NIOCore
import NIOConcurrencyHelpers

/// The daemon-side view of one client connection, handed to every method handler.
///
/// Handlers use it to push notifications (events) and to learn when the client goes away. It is
/// Sendable: `Channel` is thread-safe, and the mutable callback list is guarded by a lock.
package final class RPCConnection: Sendable {
    /// A process-unique connection number, for logs and per-connection state.
    package let id: Int
    /// The client's process id (from SO_PEERCRED), or 0 when unknown.
    package let peerPID: Int32
    private let channel: any Channel
    private let closeCallbacks = NIOLockedValueBox<[@Sendable () -> Void]?>([])

    init(id: Int, peerPID: Int32, channel: any Channel) {
        self.id = id
        self.peerPID = peerPID
        self.channel = channel
    }

    /// Whether the client is reading fast enough: false while its unread output exceeds the high
    /// water mark. Senders of optional traffic (events) should drop rather than queue when false.
    package var isWritable: Bool { channel.isWritable }

    /// Sends a notification `{"jsonrpc":"2.0","method":…,"params":…}` without waiting.
    package func notify<Params: Encodable & Sendable>(method: String, params: Params) {
        guard let line = try? MessageCoding.notification(method: method, params: params) else { return }
        send(line: line)
    }

    /// Writes one already-encoded JSON line (a newline is appended).
    package func send(line: Data) {
        var buffer = channel.allocator.buffer(capacity: line.count + 1)
        buffer.writeBytes(line)
        buffer.writeInteger(UInt8(ascii: "\n"))
        channel.writeAndFlush(buffer, promise: nil)
    }

    /// Runs `callback` once when the connection closes (at once if it already has).
    package func onClose(_ callback: @escaping @Sendable () -> Void) {
        let runNow = closeCallbacks.withLockedValue { callbacks -> Bool in
            guard callbacks != nil else { return true }
            callbacks!.append(callback)
            return false
        }
        if runNow { callback() }
    }

    func closed() {
        let callbacks = closeCallbacks.withLockedValue { callbacks in
            defer { callbacks = nil }
            return callbacks ?? []
        }
        for callback in callbacks { callback() }
    }
}

extension RPCConnection {
    /// Closes the connection (pending writes are flushed first by NIO).
    package func close() {
        channel.close(promise: nil)
    }
}
