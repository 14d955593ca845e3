import Foundation
import GailleryProtocol

/// The client side of the file-passing socket: a request whose file the client opens and passes as a
/// descriptor (SCM_RIGHTS), so that the daemon reads exactly what the client could open even when it
/// cannot see the path (systemd's `PrivateTmp=yes` gives it another /tmp; the file may be deleted).
///
/// The socket sits beside the JSON-RPC socket (`rpc.sock` → `rpc.fd.sock`, in the same 0700
/// directory). One connection carries one request line, sent with exactly one descriptor attached, and
/// gets one reply line; the request's params name neither `path` nor `data`.
package enum FilePassing {
    /// The longest request line the file-passing socket accepts, in bytes: the params are small (a name,
    /// an audio format); the content comes through the descriptor.
    package static let maxRequestBytes = 64 << 10

    /// The methods the file-passing socket serves.
    package static let methods: Set<String> = [PhotosUpload.method, VoiceCommand.method]

    /// Files at most this large are sent as base64 `data` when passing the descriptor fails (a daemon
    /// without the socket); larger ones by `path`. Base64 of 32 MiB stays under the default line limit.
    package static let inlineFallbackBytes = 32 << 20

    /// The file-passing socket for the JSON-RPC socket at `rpcSocket`: `x.sock` → `x.fd.sock`, else
    /// `x` → `x.fd`.
    package static func socketPath(forRPCSocket rpcSocket: String) -> String {
        rpcSocket.hasSuffix(".sock") ? String(rpcSocket.dropLast(5)) + ".fd.sock" : rpcSocket + ".fd"
    }

    /// Sends `line` with `descriptor` attached over a new connection to `socketPath` and returns the
    /// reply line (without its newline).
    ///
    /// - Throws: `TransportError` when the socket cannot be reached or the exchange breaks off (the
    ///   caller may fall back to another way of sending the file).
    package static func exchange(socketPath: String, line: Data, descriptor: Int32) throws -> Data {
        let socket = try RawSocket.connect(path: socketPath)
        defer { close(socket) }
        try DescriptorMessages.send(on: socket, Array(line) + [UInt8(ascii: "\n")], passing: [descriptor])
        var reply = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw TransportError(
                    count == 0
                        ? "gailleryd closed the file-passing connection without a reply"
                        : "reading the file-passing reply failed: \(String(cString: strerror(errno)))")
            }
            reply += chunk[0..<count]
            if let newline = reply.firstIndex(of: UInt8(ascii: "\n")) { return Data(reply[..<newline]) }
        }
    }

    /// The raw `result` of a reply line, or the daemon's error thrown.
    static func result(of reply: Data) throws -> Data {
        let header = try JSONDecoder().decode(ReplyHeader.self, from: reply)
        if let error = header.error { throw error }
        return try JSONDecoder().decode(ResultBox.self, from: reply).result.data
    }

    private struct ReplyHeader: Decodable {
        var error: RPCError?
    }

    private struct ResultBox: Decodable {
        var result: RawJSON
    }
}

extension RPCClient {
    /// Calls `method` about the file at `file` (absolute): passes the open file to the daemon
    /// (`FilePassing`), else sends its bytes as base64 `data` (a daemon without the file-passing socket),
    /// else its `path` (a file too large to inline, or one this process cannot open, so that the daemon
    /// says what is wrong with it). `params` builds the params from the `path` and `data` to send (both nil
    /// when the file is passed).
    ///
    /// - Throws: `RPCError` when the daemon answers with an error, `ClientError` on transport failure.
    package func callRaw<Params: Encodable>(
        method: String, file: String, params: (_ path: String?, _ data: String?) -> Params
    ) throws -> Data {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return try callRaw(method: method, params: params(file, nil)) }
        defer { close(descriptor) }
        if let line = try? MessageCoding.request(id: .number(1), method: method, params: params(nil, nil)),
            let reply = try? FilePassing.exchange(
                socketPath: FilePassing.socketPath(forRPCSocket: socketPath), line: line, descriptor: descriptor)
        {
            return try FilePassing.result(of: reply)
        }
        if let bytes = Self.smallRegularFile(descriptor) {
            return try callRaw(method: method, params: params(nil, bytes.base64EncodedString()))
        }
        return try callRaw(method: method, params: params(file, nil))
    }

    /// The whole content of the open regular file `descriptor` when it is at most
    /// `FilePassing.inlineFallbackBytes`, else nil.
    private static func smallRegularFile(_ descriptor: Int32) -> Data? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
            info.st_size <= FilePassing.inlineFallbackBytes, lseek(descriptor, 0, SEEK_SET) == 0
        else { return nil }
        return try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readToEnd() ?? Data()
    }
}
