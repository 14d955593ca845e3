import Foundation
import GailleryRPC
import NIOCore
import NIOPosix

/// The baseline transport: the daemon's own line framing (LineFrameDecoder) on the same kind of
/// socket and as many event loops as the daemon runs, echoing each line back without any JSON work.
enum EchoServer {
    final class EchoHandler: ChannelInboundHandler {
        typealias InboundIn = LineFrame
        typealias OutboundOut = ByteBuffer

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .line(var line) = unwrapInboundIn(data) else { return }
            var out = context.channel.allocator.buffer(capacity: line.readableBytes + 1)
            out.writeBuffer(&line)
            out.writeInteger(UInt8(ascii: "\n"))
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
        }
    }

    static func run(socketPath: String, threads: Int) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        unlink(socketPath)
        let channel = try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLength: 64 << 20)))
                    try channel.pipeline.syncOperations.addHandler(EchoHandler())
                }
            }
            .bind(unixDomainSocketPath: socketPath).wait()
        try channel.closeFuture.wait()
    }
}
