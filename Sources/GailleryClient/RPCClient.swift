import Foundation
import GailleryProtocol

/// A blocking JSON-RPC client over the daemon's Unix socket, for the CLI, scripts' tests and benchmarks.
///
/// One client is one connection. It is not Sendable: use it from one thread at a time (the benchmark
/// opens one client per thread).
package final class RPCClient {
    /// The socket path it is connected to.
    package let socketPath: String
    private let fd: Int32
    /// Bytes read and not yet returned start at `bufferStart`.
    private var buffer = [UInt8]()
    private var bufferStart = 0
    /// Where each `read` lands, allocated once: a zeroed array per read cost more than a small reply.
    private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
    private var nextID: Int64 = 1
    private var pendingNotifications: [Data] = []

    /// Connects to the daemon.
    ///
    /// - Throws: `ClientError.notRunning` when nothing listens at `socketPath`.
    package init(socketPath: String) throws {
        self.socketPath = socketPath
        do {
            fd = try RawSocket.connect(path: socketPath)
        } catch {
            throw ClientError.notRunning(socketPath: socketPath, detail: "\(error)")
        }
    }

    deinit {
        Glibc.close(fd)
        chunk.deallocate()
    }

    /// Calls `M` and waits for its result; notifications that arrive meanwhile are kept for `nextNotification`.
    ///
    /// - Throws: `RPCError` when the daemon answers with an error, `ClientError` on transport failure.
    package func call<M: RPCMethod>(_: M.Type, _ params: M.Params) throws -> M.Result {
        let reply = try callRaw(method: M.method, params: params)
        return try WireCoding.decoder().decode(M.Result.self, from: reply)
    }

    /// Calls `method` and returns the raw JSON of its `result`.
    package func callRaw(method: String, params: some Encodable) throws -> Data {
        let id = nextID
        nextID += 1
        try send(line: MessageCoding.request(id: .number(id), method: method, params: params))
        while true {
            let line = try readLine()
            let header = try JSONDecoder().decode(ReplyHeader.self, from: line)
            guard header.method == nil else {
                pendingNotifications.append(line)
                continue
            }
            guard header.id == .number(id) else { continue }
            if let error = header.error { throw error }
            return try JSONDecoder().decode(ResultBox.self, from: line).result.data
        }
    }

    /// The next `event` notification, waiting up to `timeout` seconds (nil: forever). Returns nil on timeout.
    package func nextNotification(timeout: Double? = nil) throws -> EventNotification? {
        let line: Data
        if !pendingNotifications.isEmpty {
            line = pendingNotifications.removeFirst()
        } else {
            if let timeout, !(try waitReadable(seconds: timeout)) { return nil }
            line = try readLine()
        }
        struct Box: Decodable { var params: EventNotification }
        return try WireCoding.decoder().decode(Box.self, from: line).params
    }

    /// Writes one raw line (a newline is appended). For tests of hostile input.
    package func send(line: Data) throws {
        var bytes = [UInt8](line)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw ClientError.disconnected("write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads one raw line (without its newline). For tests of hostile input.
    package func readLine() throws -> Data {
        var scanFrom = bufferStart
        while true {
            if let newline = Self.newline(in: buffer, from: scanFrom) {
                let line = Data(buffer[bufferStart..<newline])
                bufferStart = newline + 1
                if bufferStart > 1 << 20 || bufferStart == buffer.count {
                    buffer.removeSubrange(0..<bufferStart)
                    bufferStart = 0
                }
                return line
            }
            scanFrom = buffer.count
            let count = Glibc.read(fd, chunk.baseAddress, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw ClientError.disconnected(
                    count == 0 ? "the daemon closed the connection" : String(cString: strerror(errno)))
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
    }

    /// The index of the first newline in `bytes` at or after `start`.
    private static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBytes { $0.firstNewline(from: start) }
    }

    private func waitReadable(seconds: Double) throws -> Bool {
        if Self.newline(in: buffer, from: bufferStart) != nil { return true }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let result = poll(&descriptor, 1, Int32(max(0, seconds * 1000)))
        return result > 0
    }

    private struct ReplyHeader: Decodable {
        var id: RequestID?
        var method: String?
        var error: RPCError?
    }

    private struct ResultBox: Decodable {
        var result: RawJSON
    }
}

/// A client-side failure to talk to the daemon (not an error the daemon sent).
package enum ClientError: Error, CustomStringConvertible {
    case notRunning(socketPath: String, detail: String)
    case disconnected(String)

    package var description: String {
        switch self {
        case .notRunning(let path, let detail):
            "gailleryd is not running (\(detail)); start it with `gailleryd` or `make run`, or point "
                + "--socket / GAILLERY_SOCKET at its socket (tried \(path))"
        case .disconnected(let detail):
            "lost the connection to gailleryd: \(detail)"
        }
    }
}
