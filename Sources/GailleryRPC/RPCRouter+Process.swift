import Foundation
import GailleryProtocol
import NIOCore
import NIOPosix

extension RPCRouter {
    /// A request routed but not yet answered: its handler is asynchronous.
    package struct PendingCall: Sendable {
        /// Runs the handler and returns the reply line (nil for a notification).
        package let run: @Sendable () async -> Data?
    }

    /// A request routed to a blocking handler, to run on its thread pool.
    package struct BlockingCall: Sendable {
        /// The pool the handler runs on.
        package let pool: NIOThreadPool
        /// Runs the handler (blocking) and returns the reply line (nil for a notification).
        package let run: @Sendable () -> Data?
        /// The reply when the pool has stopped: -32000, shutting down.
        package let refused: @Sendable () -> Data?

        /// Runs on the pool, the reply delivered as a future on `eventLoop`.
        package func run(on eventLoop: any EventLoop) -> EventLoopFuture<Data?> {
            pool.runIfActive(eventLoop: eventLoop, run).flatMapErrorThrowing { _ in refused() }
        }
    }

    /// What `route` made of a line: the reply already (or nothing to send), or a call still to run.
    package enum Routed: Sendable {
        /// Answered on the spot (errors, immediate handlers); nil means nothing is to be sent.
        case finished(Data?)
        /// An asynchronous handler (or a batch) still to run.
        case pending(PendingCall)
        /// A blocking handler still to run on its pool.
        case blocking(BlockingCall)
    }

    /// Handles one inbound line (a request, a notification, or a batch) and returns the reply line,
    /// or nil when nothing is to be sent (notifications, or a batch of notifications only).
    package func process(line: Data, connection: RPCConnection) async -> Data? {
        await Self.complete(route(line: line, connection: connection))
    }

    /// Runs whatever `routed` still needs and returns the reply.
    private static func complete(_ routed: Routed) async -> Data? {
        switch routed {
        case .finished(let reply): reply
        case .pending(let call): await call.run()
        case .blocking(let call): (try? await call.pool.runIfActive(call.run)) ?? call.refused()
        }
    }

    /// Parses one inbound line and answers it on the calling thread when it can: malformed messages,
    /// unknown methods and immediate handlers. Batches and asynchronous handlers come back as a
    /// `PendingCall` for the caller to run off the event loop.
    package func route(line: Data, connection: RPCConnection) -> Routed {
        let isBatch = line.withUnsafeBytes { bytes in
            bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A } == UInt8(ascii: "[")
        }
        guard isBatch else {
            // A large message is read (header, parameter sizes, params) on the cooperative pool, not on
            // the event loop, whose other connections would wait for it: one pass over 60 MiB is tens of
            // milliseconds, and the handler may parse much more.
            guard line.count <= Self.largeMessage else {
                return .pending(PendingCall { await Self.complete(routeSingle(line, connection: connection)) })
            }
            return routeSingle(line, connection: connection)
        }
        return .pending(PendingCall { await processBatch(line, connection: connection) })
    }

    /// Messages longer than this (64 KiB) are routed off the event loop.
    static let largeMessage = 64 << 10

    private func processBatch(_ line: Data, connection: RPCConnection) async -> Data? {
        guard let ranges = line.withUnsafeBytes({ BatchSplitter.elements(of: $0) }) else {
            return MessageCoding.failure(id: .null, error: RPCError(.parseError, "the batch is not valid JSON"))
        }
        guard !ranges.isEmpty else {
            return MessageCoding.failure(id: .null, error: RPCError(.invalidRequest, "an empty batch is invalid"))
        }
        var replies: [Data] = []
        for range in ranges {
            if let reply = await Self.complete(routeSingle(line.subdata(in: range), connection: connection)) {
                replies.append(reply)
            }
        }
        guard !replies.isEmpty else { return nil }
        var out = Data([UInt8(ascii: "[")])
        for (index, reply) in replies.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(reply)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// The header by Foundation's decoder, for messages outside `RequestScanner`'s fast path.
    private struct FoundationHeader: Decodable {
        var header: RequestHeader

        private enum CodingKeys: String, CodingKey { case jsonrpc, id, method, params }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            header = RequestHeader(
                jsonrpc: try? container.decode(String.self, forKey: .jsonrpc),
                id: try? container.decode(RequestID.self, forKey: .id),
                method: try? container.decode(String.self, forKey: .method),
                hasID: container.contains(.id),
                params: container.contains(.params) ? try container.decode(ParamsShape.self, forKey: .params) : .absent
            )
        }
    }

    /// Reads the header: `RequestScanner` in one pass, Foundation's decoder when the scanner is unsure.
    static func header(of message: Data) -> Result<RequestHeader, RPCError> {
        switch message.withUnsafeBytes({ RequestScanner.scan($0) }) {
        case .header(let header): return .success(header)
        case .notObject: return .failure(notObject)
        case .invalidJSON: return .failure(invalidJSON)
        case .unsure: return foundationHeader(of: message)
        }
    }

    private static var notObject: RPCError {
        RPCError(.invalidRequest, "a request must be a JSON object (or a batch array)")
    }

    private static var invalidJSON: RPCError { RPCError(.parseError, "the message is not valid JSON") }

    /// `invalidJSON`, or what `JSONProblem` finds wrong with `message` when it finds something.
    private static func unreadable(_ message: Data) -> RPCError {
        JSONProblem.find(in: message).map(parseError) ?? invalidJSON
    }

    private static func parseError(_ problem: JSONProblem) -> RPCError {
        RPCError(.parseError, "the message cannot be read: \(problem.message)")
    }

    /// Reads the header with Foundation's decoder.
    static func foundationHeader(of message: Data) -> Result<RequestHeader, RPCError> {
        do {
            let header = try JSONDecoder().decode(FoundationHeader.self, from: message).header
            // The decoder checks a string's UTF-8 only when it decodes the string: a member that failed
            // to decode may be text that can't be read rather than a value of the wrong type, and a
            // member nobody decodes (an unknown one) is not checked at all. The whole message must be
            // UTF-8 (RFC 8259 section 8.1), so it is checked here, once, for every message this path takes.
            if let problem = JSONProblem.invalidUTF8(in: message) {
                guard let method = header.method else { return .failure(parseError(problem)) }
                return .failure(RPCError(.parseError, "\(method): \(problem.message)"))
            }
            if header.jsonrpc == nil || header.method == nil || (header.hasID && header.id == nil),
                let problem = JSONProblem.find(in: message), problem.code == .parseError
            {
                return .failure(parseError(problem))
            }
            return .success(header)
        } catch DecodingError.typeMismatch {
            return .failure(notObject)
        } catch {
            return .failure(unreadable(message))
        }
    }

    private func routeSingle(_ message: Data, connection: RPCConnection) -> Routed {
        let header: RequestHeader
        switch Self.header(of: message) {
        case .success(let read): header = read
        case .failure(let error): return .finished(MessageCoding.failure(id: .null, error: error))
        }
        let id = header.id ?? .null
        guard header.jsonrpc == "2.0" else {
            return .finished(
                MessageCoding.failure(id: id, error: RPCError(.invalidRequest, #"missing "jsonrpc": "2.0""#)))
        }
        guard let method = header.method else {
            return .finished(
                MessageCoding.failure(id: id, error: RPCError(.invalidRequest, #""method" must be a string"#)))
        }
        if header.hasID, header.id == nil {
            let error = RPCError(.invalidRequest, #""id" must be a string or a whole number from -2^63 to 2^63-1"#)
            return .finished(MessageCoding.failure(id: .null, error: error))
        }
        let isNotification = !header.hasID
        guard let handler = handlers[method] else {
            if isNotification { return .finished(nil) }
            let near = methods.filter { $0.hasPrefix(method.split(separator: ".").first.map(String.init) ?? method) }
            let hint = near.isEmpty ? "call rpc.discover for the list" : "did you mean \(near.joined(separator: ", "))?"
            return .finished(
                MessageCoding.failure(id: id, error: RPCError(.methodNotFound, "no method \"\(method)\"; \(hint)")))
        }
        let reply = { @Sendable (outcome: Result<Data, any Error>) -> Data? in
            self.reply(to: outcome, id: id, method: method, isNotification: isNotification)
        }
        if refusedWhileStopping.contains(method), isStopping?() == true {
            return .finished(reply(.failure(RPCError(.shuttingDown, Self.shuttingDown))))
        }
        if let range = header.paramsRange {
            do {
                try parameterLimits.check(method, message: message, range: range)
            } catch {
                return .finished(reply(.failure(error)))
            }
        }
        switch handler {
        case .immediate(let run):
            return .finished(reply(Result { try run(message, header.span, connection) }))
        case .deferred(let run):
            return .pending(
                PendingCall {
                    do {
                        return reply(.success(try await run(message, header.span, connection)))
                    } catch {
                        return reply(.failure(error))
                    }
                })
        case .blocking(let pool, let run):
            return .blocking(blockingCall(pool, run, message, header, connection, reply: reply))
        case .memoryFirst(let fromMemory, let pool, let run):
            do {
                if let result = try fromMemory(message, header.span, connection) {
                    return .finished(reply(.success(result)))
                }
            } catch {
                return .finished(reply(.failure(error)))
            }
            return .blocking(blockingCall(pool, run, message, header, connection, reply: reply))
        }
    }

    private func blockingCall(
        _ pool: NIOThreadPool, _ run: @escaping @Sendable (Data, ParamsSpan, RPCConnection) throws -> Data,
        _ message: Data, _ header: RequestHeader, _ connection: RPCConnection,
        reply: @escaping @Sendable (Result<Data, any Error>) -> Data?
    ) -> BlockingCall {
        let span = header.span
        return BlockingCall(
            pool: pool,
            run: { reply(Result { try run(message, span, connection) }) },
            refused: {
                reply(.failure(RPCError(.shuttingDown, Self.shuttingDown)))
            })
    }

    private func reply(to outcome: Result<Data, any Error>, id: RequestID, method: String, isNotification: Bool)
        -> Data?
    {
        switch outcome {
        case .success(let result):
            return isNotification ? nil : MessageCoding.success(id: id, encodedResult: result)
        case .failure(let error as RPCError):
            return isNotification ? nil : MessageCoding.failure(id: id, error: error.naming(method))
        case .failure(let error):
            if let mapped = mapError?(error, method) {
                return isNotification ? nil : MessageCoding.failure(id: id, error: mapped.naming(method))
            }
            logger.error("internal error", metadata: ["method": "\(method)", "error": "\(error)"])
            let rpcError = RPCError(
                .internalError, "\(method) failed inside the daemon: \(error); see the daemon's log")
            return isNotification ? nil : MessageCoding.failure(id: id, error: rpcError)
        }
    }

    /// The message of -32000, after the method's name.
    static let shuttingDown = "gailleryd is shutting down; retry once it has restarted"
}

extension RPCError {
    /// The error with `method` in front of its message ("photos.get: photo 9 does not exist; …"), so that
    /// every error names the method it came from without each handler passing the name around; a message
    /// that already starts with the method's name is kept as it is.
    func naming(_ method: String) -> RPCError {
        guard !method.isEmpty, !message.hasPrefix(method) else { return self }
        var named = self
        named.message = method + ": " + message
        return named
    }
}
