import Foundation
import GailleryProtocol

extension RPCRouter {
    /// Handles one inbound line (a request, a notification, or a batch) and returns the reply line,
    /// or nil when nothing is to be sent (notifications, or a batch of notifications only).
    package func process(line: Data, connection: RPCConnection) async -> Data? {
        let isBatch = line.withUnsafeBytes { bytes in
            bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A } == UInt8(ascii: "[")
        }
        guard isBatch else { return await processSingle(line, connection: connection) }
        guard let ranges = line.withUnsafeBytes({ BatchSplitter.elements(of: $0) }) else {
            return MessageCoding.failure(id: .null, error: RPCError(.parseError, "the batch is not valid JSON"))
        }
        guard !ranges.isEmpty else {
            return MessageCoding.failure(id: .null, error: RPCError(.invalidRequest, "an empty batch is invalid"))
        }
        var replies: [Data] = []
        for range in ranges {
            if let reply = await processSingle(line.subdata(in: range), connection: connection) {
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

    /// Everything but the params' members, read in one decoding pass.
    private struct Header: Decodable {
        var jsonrpc: String?
        var id: RequestID?
        var method: String?
        var hasID: Bool
        var params: ParamsShape

        private enum CodingKeys: String, CodingKey { case jsonrpc, id, method, params }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            jsonrpc = try? container.decode(String.self, forKey: .jsonrpc)
            hasID = container.contains(.id)
            id = try? container.decode(RequestID.self, forKey: .id)
            method = try? container.decode(String.self, forKey: .method)
            params = container.contains(.params) ? try container.decode(ParamsShape.self, forKey: .params) : .absent
        }
    }

    private func processSingle(_ message: Data, connection: RPCConnection) async -> Data? {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: message)
        } catch DecodingError.typeMismatch {
            return MessageCoding.failure(
                id: .null, error: RPCError(.invalidRequest, "a request must be a JSON object (or a batch array)"))
        } catch {
            return MessageCoding.failure(id: .null, error: RPCError(.parseError, "the message is not valid JSON"))
        }
        let id = header.id ?? .null
        guard header.jsonrpc == "2.0" else {
            return MessageCoding.failure(id: id, error: RPCError(.invalidRequest, #"missing "jsonrpc": "2.0""#))
        }
        guard let method = header.method else {
            return MessageCoding.failure(id: id, error: RPCError(.invalidRequest, #""method" must be a string"#))
        }
        if header.hasID, header.id == nil {
            return MessageCoding.failure(id: .null, error: RPCError(.invalidRequest, #""id" must be a string or an integer"#))
        }
        let isNotification = !header.hasID
        guard let handler = handlers[method] else {
            if isNotification { return nil }
            let near = methods.filter { $0.hasPrefix(method.split(separator: ".").first.map(String.init) ?? method) }
            let hint = near.isEmpty ? "call rpc.discover for the list" : "did you mean \(near.joined(separator: ", "))?"
            return MessageCoding.failure(id: id, error: RPCError(.methodNotFound, "no method \"\(method)\"; \(hint)"))
        }
        do {
            let result = try await handler(message, header.params, connection)
            return isNotification ? nil : MessageCoding.success(id: id, encodedResult: result)
        } catch let error as RPCError {
            return isNotification ? nil : MessageCoding.failure(id: id, error: error)
        } catch {
            logger.error("internal error", metadata: ["method": "\(method)", "error": "\(error)"])
            let rpcError = RPCError(.internalError, "\(method) failed inside the daemon: \(error); see the daemon's log")
            return isNotification ? nil : MessageCoding.failure(id: id, error: rpcError)
        }
    }
}
