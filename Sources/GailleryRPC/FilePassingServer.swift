import Dispatch
import Foundation
import GailleryProtocol
import Logging
import NIOConcurrencyHelpers

/// Serves the file-passing socket (`FilePassing`): one request line per connection, carrying one open
/// file (SCM_RIGHTS), answered through the same `RPCRouter` as the main socket with the file on the
/// request's `RPCConnection` (`passedFile`).
///
/// NIO's stream channels drop ancillary data, so this is plain blocking POSIX: one thread accepts, and
/// each connection is read on its own thread. Everything is bounded: connections at once
/// (`Limits.connections`; more are answered busy), the request line (`FilePassing.maxRequestBytes`),
/// descriptors per connection (exactly one is accepted; more are closed and the request refused), and
/// the time a client may take to send its request or read the reply (`Limits.timeoutSeconds`). Only
/// peers of the daemon's own uid are served (SO_PEERCRED), as on the main socket. Every received
/// descriptor is closed once its request is answered.
package final class FilePassingServer: Sendable {
    /// The server's bounds.
    package struct Limits: Sendable {
        /// Connections served at once; more are answered -32003 busy.
        package var connections = 8
        /// Descriptors read per message; one is accepted, room for more lets extra ones be counted and closed.
        package var descriptorsPerMessage = 4
        /// Seconds a client has to send its request, and to read the reply.
        package var timeoutSeconds = 10

        package init() {}
    }

    /// The socket's path.
    package let path: String
    private let router: RPCRouter
    private let limits: Limits
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    private struct State {
        var listener: Int32?
        var active = 0
        var stopped = false
    }

    /// Prepares a server for `router` at `path`; nothing listens until `start`.
    package init(path: String, router: RPCRouter, limits: Limits = .init(), logger: Logger) {
        self.path = path
        self.router = router
        self.limits = limits
        self.logger = logger
    }

    /// Binds the socket (0600, in the main socket's checked 0700 directory; a stale file is replaced:
    /// the main socket's bind already proved no other daemon serves this directory's socket) and starts
    /// the accepting thread.
    ///
    /// - Throws: `TransportError` when the socket cannot be bound.
    package func start() throws {
        try SocketAddressing.prepareDirectory(forSocket: path)
        var address = try RawSocket.address(path)
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw TransportError("socket() failed: \(String(cString: strerror(errno)))") }
        unlink(path)
        let previous = umask(0o177)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        umask(previous)
        guard bound == 0, listen(listener, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw TransportError("cannot listen on \(path): \(reason)")
        }
        state.withLockedValue { $0.listener = listener }
        let thread = Thread { [self] in acceptLoop(listener) }
        thread.name = "gaillery-fd-accept"
        thread.start()
        logger.info("listening for passed files", metadata: ["socket": "\(path)"])
    }

    /// Stops accepting and removes the socket file; requests being answered finish on their threads.
    package func stop() {
        let listener = state.withLockedValue { state -> Int32? in
            state.stopped = true
            defer { state.listener = nil }
            return state.listener
        }
        guard let listener else { return }
        // shutdown wakes the thread blocked in accept (EINVAL); the thread closes the descriptor.
        shutdown(listener, Int32(SHUT_RDWR))
        unlink(path)
    }

    private func acceptLoop(_ listener: Int32) {
        defer { close(listener) }
        while true {
            // accept4 is not exported without _GNU_SOURCE: close-on-exec is set right after, before any
            // request is read (the daemon's only children are enrollment's SphinxTrain tools).
            let client = accept(listener, nil, nil)
            if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if state.withLockedValue({ $0.stopped }) { return }
                // Out of descriptors or memory: wait rather than spin, as the main socket does.
                logger.warning("file-passing accept failed", metadata: ["error": "\(String(cString: strerror(errno)))"])
                usleep(200_000)
                continue
            }
            guard let pid = peerOfOurUser(client) else {
                close(client)
                continue
            }
            setTimeouts(client)
            let admitted = state.withLockedValue { state -> Bool in
                guard state.active < limits.connections else { return false }
                state.active += 1
                return true
            }
            guard admitted else {
                let error = RPCError(
                    .busy,
                    "gailleryd is already reading \(limits.connections) passed files; retry shortly",
                    data: .object(["retry_after_ms": .int(200)]))
                reply(client, MessageCoding.failure(id: .null, error: error))
                close(client)
                continue
            }
            let thread = Thread { [self] in
                serve(client, peerPID: pid)
                close(client)
                state.withLockedValue { $0.active -= 1 }
            }
            thread.name = "gaillery-fd-conn"
            thread.start()
        }
    }

    /// The peer's pid when it runs as the daemon's user; else nil, logged.
    private func peerOfOurUser(_ client: Int32) -> Int32? {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(client, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
        guard credentials.uid == getuid() else {
            logger.warning(
                "refused a file-passing peer of another user",
                metadata: ["uid": "\(credentials.uid)", "pid": "\(credentials.pid)"])
            return nil
        }
        return credentials.pid
    }

    private func setTimeouts(_ client: Int32) {
        var timeout = timeval(tv_sec: limits.timeoutSeconds, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Reads one request with its file, answers it, and closes every descriptor received.
    private func serve(_ client: Int32, peerPID: Int32) {
        var line = [UInt8]()
        var descriptors: [Int32] = []
        defer { for descriptor in descriptors { close(descriptor) } }
        var problem: String?
        reading: while true {
            let received: DescriptorMessages.Received?
            do {
                received = try DescriptorMessages.receive(
                    from: client, maxBytes: FilePassing.maxRequestBytes + 1 - line.count,
                    maxDescriptors: limits.descriptorsPerMessage)
            } catch {
                logger.debug("file-passing client gone before its request", metadata: ["error": "\(error)"])
                return
            }
            guard let received else {
                if line.isEmpty { return }
                problem = "the request ended without a newline"
                break
            }
            descriptors += received.descriptors
            if received.descriptorsTruncated || descriptors.count > 1 {
                problem =
                    "send exactly one open file with the request (got \(descriptors.count)"
                    + (received.descriptorsTruncated ? " and more that were dropped)" : ")")
                break
            }
            for byte in received.bytes {
                if byte == UInt8(ascii: "\n") { break reading }
                line.append(byte)
            }
            if line.count > FilePassing.maxRequestBytes {
                problem =
                    "the request is over \(FilePassing.maxRequestBytes) bytes; a passed file's params are small "
                    + "(the content comes through the descriptor)"
                break
            }
        }
        if problem == nil, descriptors.count != 1 {
            problem = "the request came without an open file; send one with it (SCM_RIGHTS), or use the main socket"
        }
        if problem == nil, let method = Self.method(of: line), !FilePassing.methods.contains(method) {
            problem =
                "\(method) does not take a passed file; this socket serves \(FilePassing.methods.sorted().joined(separator: ", "))"
        }
        if let problem {
            // Closed before the reply goes out, so that a client that has its answer knows the daemon
            // holds none of its files.
            for descriptor in descriptors { close(descriptor) }
            descriptors = []
            reply(client, MessageCoding.failure(id: Self.id(of: line), error: RPCError(.invalidRequest, problem)))
            return
        }
        let file = PassedFile(descriptor: descriptors.removeFirst())
        let connection = RPCConnection(
            peerPID: peerPID,
            sink: .custom(.init(send: { _ in }, isWritable: { false }, close: { shutdown(client, Int32(SHUT_RDWR)) })),
            passedFile: file)
        let answer = NIOLockedValueBox<Data?>(nil)
        let done = DispatchSemaphore(value: 0)
        let router = self.router
        let request = Data(line)
        Task {
            let processed = await router.process(line: request, connection: connection)
            answer.withLockedValue { $0 = processed }
            done.signal()
        }
        done.wait()
        // The handler is done with the file once it has answered; closed before the reply, as above.
        file.close()
        connection.closed()
        if let data = answer.withLockedValue({ $0 }) { reply(client, data) }
    }

    /// Writes `line` and a newline (the socket's send timeout bounds a client that does not read).
    private func reply(_ client: Int32, _ line: Data) {
        var bytes = [UInt8](line)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    private struct Header: Decodable {
        var method: String?
        var id: RequestID?
    }

    private static func method(of line: [UInt8]) -> String? {
        (try? JSONDecoder().decode(Header.self, from: Data(line)))?.method
    }

    private static func id(of line: [UInt8]) -> RequestID {
        (try? JSONDecoder().decode(Header.self, from: Data(line)))?.id ?? .null
    }
}
