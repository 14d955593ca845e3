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
                run(call, context: context)
            case .blocking(let call):
                inFlight += 1
                updateReading(context: context)
                call.run(on: context.eventLoop).assumeIsolated().whenSuccess { reply in
                    self.inFlight -= 1
                    if let reply { self.write(reply, context: context) }
                    self.updateReading(context: context)
                }
            }
        }
    }

    /// Runs an asynchronous call as a task and writes its reply back on the event loop.
    private func run(_ call: RPCRouter.PendingCall, context: ChannelHandlerContext) {
        inFlight += 1
        updateReading(context: context)
        let loop = context.eventLoop
        let boundSelf = NIOLoopBound(self, eventLoop: loop)
        let boundContext = NIOLoopBound(context, eventLoop: loop)
        Task {
            let reply = await call.run()
            loop.execute {
                let handler = boundSelf.value
                handler.inFlight -= 1
                if let reply { handler.write(reply, context: boundContext.value) }
                handler.updateReading(context: boundContext.value)
            }
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
