import Foundation
import GailleryProtocol
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Listens on a Unix socket and serves JSON-RPC 2.0, one message per line, to peers of the daemon's
/// own uid (checked with SO_PEERCRED; others are logged and disconnected).
package final class RPCServer: Sendable {
    /// How to listen.
    package enum Listener: Sendable {
        /// Bind a new socket at this path (a missing parent directory made 0700, an existing one checked;
        /// socket file 0600).
        case path(String)
        /// Use an already-bound listening descriptor (systemd socket activation, `LISTEN_FDS`).
        case inherited(descriptor: Int32, path: String)

        /// The socket's path, for status and logs.
        package var path: String {
            switch self {
            case .path(let path), .inherited(_, let path): path
            }
        }
    }

    /// Tunables of the transport.
    package struct Configuration: Sendable {
        /// The longest accepted message in bytes (default 64 MiB).
        package var maxLineLength = 64 << 20
        /// Requests handled concurrently per connection before reading pauses.
        package var maxInFlightPerConnection = 32
        /// Bytes of unread replies per connection before it counts as not writable (events are dropped).
        package var highWaterMark = 4 << 20
        /// Bytes of unfinished lines all connections may hold together (default 256 MiB); over it, the
        /// connection holding the most is refused and closed (`InputBudget`).
        package var maxBufferedInput = 256 << 20

        package init() {}
    }

    private let group: MultiThreadedEventLoopGroup
    private let listener: Listener
    private let configuration: Configuration
    private let logger: Logger
    private let budget: InputBudget
    private let state = NIOLockedValueBox(State())

    private struct State {
        var channel: (any Channel)?
        var connections: [Int: RPCConnection] = [:]
    }

    /// Prepares a server; nothing listens until `start`.
    package init(listener: Listener, configuration: Configuration = .init(), threads: Int = 1, logger: Logger) {
        self.listener = listener
        self.configuration = configuration
        self.logger = logger
        self.budget = InputBudget(limit: configuration.maxBufferedInput)
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    /// Open connections.
    package var connectionCount: Int { state.withLockedValue { $0.connections.count } }

    /// Every open connection (for broadcasting events).
    package var connections: [RPCConnection] { state.withLockedValue { Array($0.connections.values) } }

    /// Binds (or adopts) the socket and starts accepting connections for `router`.
    ///
    /// - Throws: `TransportError` when the socket can't be bound, e.g. because another daemon serves it.
    package func start(router: RPCRouter) async throws {
        let configuration = self.configuration
        let logger = self.logger
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptPause(logger: logger))
                }
            }
            .childChannelOption(
                .writeBufferWaterMark,
                value: .init(low: configuration.highWaterMark / 2, high: configuration.highWaterMark)
            )
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { [self] channel in
                self.accept(channel, router: router)
            }
        let channel: any Channel
        switch listener {
        case .path(let path):
            try SocketAddressing.prepareDirectory(forSocket: path)
            if SocketAddressing.isLive(socket: path) {
                throw TransportError("another daemon is already listening on \(path); stop it or pass --socket")
            }
            unlink(path)
            let previous = umask(0o177)
            defer { umask(previous) }
            do {
                channel = try await bootstrap.bind(unixDomainSocketPath: path).get()
            } catch {
                throw TransportError("cannot listen on \(path): \(error)")
            }
            chmod(path, 0o600)
        case .inherited(let descriptor, _):
            channel = try await bootstrap.withBoundSocket(descriptor).get()
        }
        state.withLockedValue { $0.channel = channel }
        logger.info("listening", metadata: ["socket": "\(listener.path)"])
    }

    private func accept(_ channel: any Channel, router: RPCRouter) -> EventLoopFuture<Void> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(TransportError("the accepted channel exposes no socket options"))
        }
        let future: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return future.flatMap { [self] credentials in
            guard credentials.uid == getuid() else {
                logger.warning(
                    "refused a peer of another user",
                    metadata: ["uid": "\(credentials.uid)", "pid": "\(credentials.pid)"])
                return channel.close()
            }
            let connection = state.withLockedValue { state -> RPCConnection in
                let connection = RPCConnection(peerPID: credentials.pid, sink: .channel(channel))
                state.connections[connection.id] = connection
                return connection
            }
            let budget = self.budget
            let id = connection.id
            budget.open(id) { [logger] held, total in
                logger.warning(
                    "refused the client holding the most unfinished input",
                    metadata: ["connection": "\(id)", "held": "\(held)", "total": "\(total)"])
                Self.refuse(channel, holding: held, total: total, limit: budget.limit)
            }
            let handler = RPCChannelHandler(
                router: router, connection: connection, maxLineLength: configuration.maxLineLength,
                maxInFlight: configuration.maxInFlightPerConnection,
                onClose: { [weak self] connection in
                    budget.close(connection.id)
                    _ = self?.state.withLockedValue { $0.connections.removeValue(forKey: connection.id) }
                })
            let decoder = LineFrameDecoder(maxLength: configuration.maxLineLength) { budget.update(id, holding: $0) }
            return channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(decoder))
                try channel.pipeline.syncOperations.addHandler(handler)
            }
        }
    }

    /// Answers a connection the input budget refused with -32600 (`id` null: the request was never read
    /// whole) and closes it once the answer is written.
    private static func refuse(_ channel: any Channel, holding held: Int, total: Int, limit: Int) {
        let error = RPCError(
            .invalidRequest,
            "gailleryd holds \(total) bytes of unfinished messages from all clients, over its \(limit)-byte input "
                + "budget, and this connection held the most (\(held) bytes), so it is closed; send photos as "
                + "paths rather than inline data, or start gailleryd with a larger --max-buffered-input",
            data: .object(["limit": .int(Int64(limit)), "held": .int(Int64(held)), "total": .int(Int64(total))]))
        let line = MessageCoding.failure(id: .null, error: error)
        channel.eventLoop.execute {
            channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
            var buffer = channel.allocator.buffer(capacity: line.count + 1)
            buffer.writeBytes(line)
            buffer.writeInteger(UInt8(ascii: "\n"))
            channel.writeAndFlush(buffer).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// Stops accepting new connections; open connections keep being served until `close`.
    package func stopAccepting() async {
        let channel = state.withLockedValue { state in
            defer { state.channel = nil }
            return state.channel
        }
        try? await channel?.close()
        if case .path(let path) = listener { unlink(path) }
    }

    /// Closes every connection and stops the event loops.
    package func close() async {
        await stopAccepting()
        for connection in connections { connection.close() }
        try? await group.shutdownGracefully()
    }
}

/// The layout of Linux's `struct ucred` (pid_t, uid_t, gid_t), which Glibc only exports under _GNU_SOURCE.
struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

/// On the listening channel: when accepting fails for want of resources (out of file descriptors,
/// EMFILE or ENFILE, or of memory), stops accepting for `pause`, then starts again. Without it the
/// failed accept leaves the socket readable and the event loop retries at once, spinning a core
/// (NIO's `AcceptBackoffHandler` delays the next read request, but after a failed accept none is
/// made: the read stays pending). Waiting peers stay in the backlog and are served once descriptors
/// come free.
final class AcceptPause: ChannelInboundHandler {
    typealias InboundIn = any Channel

    /// How long accepting stops.
    static let pause = TimeAmount.milliseconds(200)

    private let logger: Logger
    private var paused = false

    init(logger: Logger) {
        self.logger = logger
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? IOError, [EMFILE, ENFILE, ENOBUFS, ENOMEM].contains(error.errnoCode) else {
            context.fireErrorCaught(error)
            return
        }
        guard !paused else { return }
        paused = true
        let message =
            "cannot accept connections (\(error)); trying again in \(Self.pause.nanoseconds / 1_000_000) ms. Each "
            + "client holds a file descriptor: raise the open-file limit (LimitNOFILE= in the unit, ulimit -n) "
            + "or close idle clients"
        logger.warning("\(message)")
        let channel = context.channel
        try? channel.syncOptions?.setOption(.autoRead, value: false)
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.pause) {
            self.paused = false
            try? channel.syncOptions?.setOption(.autoRead, value: true)
        }
    }
}
