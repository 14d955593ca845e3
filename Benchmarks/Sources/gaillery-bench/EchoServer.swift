import Foundation
import GailleryRPC
import NIOCore
import NIOPosix

/// The baseline transport: the daemon's own line framing (LineFrameDecoder) on the same kind of
/// socket and as many event loops as the daemon runs, echoing each line back without any JSON work.
/// With a canned reply it answers every line with those bytes instead: the transport's cost for a
/// reply as large as a real one (a search page), with nothing computed.
enum EchoServer {
    final class EchoHandler: ChannelInboundHandler {
        typealias InboundIn = LineFrame
        typealias OutboundOut = ByteBuffer

        /// The line sent for every request, newline included; nil echoes the request.
        let reply: [UInt8]?

        init(reply: [UInt8]?) { self.reply = reply }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .line(var line) = unwrapInboundIn(data) else { return }
            var out = context.channel.allocator.buffer(capacity: (reply?.count ?? line.readableBytes) + 1)
            if let reply {
                out.writeBytes(reply)
            } else {
                out.writeBuffer(&line)
                out.writeInteger(UInt8(ascii: "\n"))
            }
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
        }
    }

    static func run(socketPath: String, threads: Int, replyFile: String? = nil) throws {
        let reply = try replyFile.map { path -> [UInt8] in
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
            return bytes
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        unlink(socketPath)
        let channel = try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineFrameDecoder(maxLength: 64 << 20)))
                    try channel.pipeline.syncOperations.addHandler(EchoHandler(reply: reply))
                }
            }
            .bind(unixDomainSocketPath: socketPath).wait()
        try channel.closeFuture.wait()
    }
}
