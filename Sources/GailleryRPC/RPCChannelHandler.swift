import Foundation
import GailleryProtocol
import Logging
import NIOCore

/// Per-connection handler: routes each line, answers at once what the router can answer from memory,
/// runs the rest as tasks on the cooperative pool and writes their replies back. Lives on its channel's
/// event loop; never blocks it.
///
/// Backpressure: reading pauses while `maxInFlight` requests are being handled or while the client is
/// not reading its replies (the channel is not writable), so one connection's memory stays bounded.
final class RPCChannelHandler: ChannelInboundHandler {
    typealias InboundIn = LineFrame
    typealias OutboundOut = ByteBuffer

    private let router: RPCRouter
    private let connection: RPCConnection
    private let maxLineLength: Int
    private let maxInFlight: Int
    private let onClose: @Sendable (RPCConnection) -> Void
    private var inFlight = 0
    private var readPaused = false

    init(
        router: RPCRouter, connection: RPCConnection, maxLineLength: Int, maxInFlight: Int,
        onClose: @escaping @Sendable (RPCConnection) -> Void
    ) {
        self.router = router
        self.connection = connection
        self.maxLineLength = maxLineLength
        self.maxInFlight = maxInFlight
        self.onClose = onClose
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .oversized(let byteCount):
            let error = RPCError(
                .invalidRequest,
                "message of \(byteCount) bytes exceeds the \(maxLineLength)-byte line limit; send a path instead "
                    + "of inline data, or start gailleryd with a larger --max-line",
                data: .object(["limit": .int(Int64(maxLineLength)), "size": .int(Int64(byteCount))]))
            write(MessageCoding.failure(id: .null, error: error), context: context)
        case .line(let buffer):
            guard buffer.readableBytes > 0 else { return }
            switch router.route(line: Data(buffer.readableBytesView), connection: connection) {
            case .finished(let reply):
                if let reply { write(reply, context: context) }
            case .pending(let call):
                track(context.eventLoop.makeFutureWithTask { await call.run() }, context: context)
            case .blocking(let call):
                track(call.run(on: context.eventLoop), context: context)
            }
        }
    }

    /// Counts a call as in flight (pausing reads at the limit) until its reply arrives on the event
    /// loop, then writes the reply (none for a notification).
    private func track(_ reply: EventLoopFuture<Data?>, context: ChannelHandlerContext) {
        inFlight += 1
        updateReading(context: context)
        reply.assumeIsolated().whenComplete { result in
            self.inFlight -= 1
            if case .success(let line?) = result { self.write(line, context: context) }
            self.updateReading(context: context)
        }
    }

    private func write(_ line: Data, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var buffer = context.channel.allocator.buffer(capacity: line.count + 1)
        buffer.writeBytes(line)
        buffer.writeInteger(UInt8(ascii: "\n"))
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func updateReading(context: ChannelHandlerContext) {
        let shouldPause = inFlight >= maxInFlight || !context.channel.isWritable
        guard shouldPause != readPaused else { return }
        readPaused = shouldPause
        context.channel.setOption(ChannelOptions.autoRead, value: !shouldPause).whenComplete { _ in }
        if !shouldPause { context.read() }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        updateReading(context: context)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.closed()
        onClose(connection)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or broken pipe from a vanished client: close quietly; other clients are unaffected.
        context.close(promise: nil)
    }
}
