import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// The daemon-side view of one client connection, handed to every method handler.
///
/// Handlers use it to push notifications (events) and to learn when the client goes away. A connection
/// is a socket client (a NIO `Channel`) or something else that carries lines: a web session or a
/// WebSocket (`Sink.custom`). It is Sendable: `Channel` is thread-safe, a custom sink's closures are
/// `@Sendable`, and the mutable callback list is guarded by a lock.
package final class RPCConnection: Sendable {
    /// Where a connection's outbound lines go.
    package enum Sink: Sendable {
        /// A socket client: lines are written to the channel, newline-terminated. The fast path.
        case channel(any Channel)
        /// Anything else (an HTTP session, a WebSocket): lines are handed to these closures.
        case custom(CustomSink)
    }

    /// A sink given as closures, for connections that are not a NIO channel of lines.
    package struct CustomSink: Sendable {
        /// Takes one encoded JSON line (no newline); must not block.
        package var send: @Sendable (Data) -> Void
        /// Whether the receiver keeps up (false: optional traffic such as events is dropped).
        package var isWritable: @Sendable () -> Bool
        /// Closes the transport behind the connection.
        package var close: @Sendable () -> Void

        /// A sink from its three closures.
        package init(
            send: @escaping @Sendable (Data) -> Void, isWritable: @escaping @Sendable () -> Bool,
            close: @escaping @Sendable () -> Void
        ) {
            self.send = send
            self.isWritable = isWritable
            self.close = close
        }
    }

    /// A process-unique connection number, for logs and per-connection state.
    package let id: Int
    /// The client's process id (from SO_PEERCRED), or 0 when unknown.
    package let peerPID: Int32
    /// The open file the client passed with its one request (the file-passing socket), else nil.
    package let passedFile: PassedFile?
    private let sink: Sink
    private let closeCallbacks = NIOLockedValueBox<[@Sendable () -> Void]?>([])
    private static let nextID = NIOLockedValueBox(1)

    /// A connection on `sink`, numbered from the process-wide counter that socket connections share;
    /// `passedFile` is the file a file-passing client sent with its request.
    package init(peerPID: Int32 = 0, sink: Sink, passedFile: PassedFile? = nil) {
        self.id = Self.nextID.withLockedValue { next in
            defer { next += 1 }
            return next
        }
        self.peerPID = peerPID
        self.sink = sink
        self.passedFile = passedFile
    }

    /// A socket connection with a given number (tests build connections this way).
    init(id: Int, peerPID: Int32, channel: any Channel) {
        self.id = id
        self.peerPID = peerPID
        self.sink = .channel(channel)
        self.passedFile = nil
    }

    /// Whether the client is reading fast enough: false while its unread output exceeds the high
    /// water mark. Senders of optional traffic (events) should drop rather than queue when false.
    package var isWritable: Bool {
        switch sink {
        case .channel(let channel): channel.isWritable
        case .custom(let custom): custom.isWritable()
        }
    }

    /// Sends a notification `{"jsonrpc":"2.0","method":…,"params":…}` without waiting.
    package func notify<Params: Encodable & Sendable>(method: String, params: Params) {
        guard let line = try? MessageCoding.notification(method: method, params: params) else { return }
        send(line: line)
    }

    /// Writes one already-encoded JSON line (a socket client gets a newline appended).
    package func send(line: Data) {
        switch sink {
        case .channel(let channel):
            var buffer = channel.allocator.buffer(capacity: line.count + 1)
            buffer.writeBytes(line)
            buffer.writeInteger(UInt8(ascii: "\n"))
            channel.writeAndFlush(buffer, promise: nil)
        case .custom(let custom):
            custom.send(line)
        }
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

    /// Runs the close callbacks (once): the transport behind the connection has gone.
    package func closed() {
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
        switch sink {
        case .channel(let channel): channel.close(promise: nil)
        case .custom(let custom): custom.close()
        }
    }
}
