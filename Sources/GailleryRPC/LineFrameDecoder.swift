import Glibc
import NIOCore

/// One inbound frame of the newline-delimited transport.
package enum LineFrame: Sendable {
    /// A complete line without its terminating `\n` (a trailing `\r` is dropped too).
    case line(ByteBuffer)
    /// A line longer than the limit was read and discarded; `byteCount` is how long it was.
    case oversized(byteCount: Int)
}

/// Splits the byte stream into lines of at most `maxLength` bytes.
///
/// A longer line is never buffered whole: once it passes the limit, its bytes are discarded as they
/// arrive until its newline, and a single `.oversized` frame reports it, so a hostile client cannot make
/// the daemon hold more than `maxLength` bytes for it.
package struct LineFrameDecoder: ByteToMessageDecoder {
    package typealias InboundOut = LineFrame

    private let maxLength: Int
    private let report: (@Sendable (Int) -> Void)?
    private var reported = 0
    private var scanned = 0
    private var discarding: Int?

    /// - Parameters:
    ///   - maxLength: the longest accepted line in bytes, excluding the newline.
    ///   - report: told how many bytes of unfinished line the decoder holds whenever that changes (for
    ///     `InputBudget`).
    package init(maxLength: Int, report: (@Sendable (Int) -> Void)? = nil) {
        self.maxLength = maxLength
        self.report = report
    }

    /// Tells `report` what is held, when it changed since last time (so complete lines cost no call).
    private mutating func holding(_ bytes: Int) {
        guard let report, bytes != reported else { return }
        reported = bytes
        report(bytes)
    }

    package mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let readable = buffer.readableBytes
        if let length = Self.newline(in: buffer, from: scanned) {
            scanned = 0
            if let discarded = discarding {
                buffer.moveReaderIndex(forwardBy: length + 1)
                discarding = nil
                context.fireChannelRead(wrapInboundOut(.oversized(byteCount: discarded + length)))
                return .continue
            }
            if length > maxLength {
                buffer.moveReaderIndex(forwardBy: length + 1)
                context.fireChannelRead(wrapInboundOut(.oversized(byteCount: length)))
                return .continue
            }
            var line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            if line.readableBytes > 0, line.getInteger(at: line.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "\r") {
                line.moveWriterIndex(to: line.writerIndex - 1)
            }
            context.fireChannelRead(wrapInboundOut(.line(line)))
            return .continue
        }
        if discarding != nil || readable > maxLength {
            discarding = (discarding ?? 0) + readable
            buffer.moveReaderIndex(forwardBy: readable)
            scanned = 0
        } else {
            scanned = readable
        }
        holding(buffer.readableBytes)
        return .needMoreData
    }

    /// The offset of the first newline in `buffer`'s readable bytes at or after `start`.
    private static func newline(in buffer: ByteBuffer, from start: Int) -> Int? {
        buffer.withUnsafeReadableBytes { $0.firstNewline(from: start) }
    }

    package mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // A final line without a newline is still a message (e.g. `printf '{...}' | nc -U`).
        if buffer.readableBytes > 0, discarding == nil {
            let line = buffer.readSlice(length: buffer.readableBytes)!
            context.fireChannelRead(wrapInboundOut(.line(line)))
        }
        return .needMoreData
    }
}
