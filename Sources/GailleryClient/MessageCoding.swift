import Foundation
import GailleryProtocol

/// Encodes JSON-RPC 2.0 responses and notifications as single lines (no trailing newline), with the
/// wire's streaming `WireEncoder`.
package enum MessageCoding {
    /// `{"jsonrpc":"2.0","id":…,"result":…}`, around a result the handler already encoded.
    package static func success(id: RequestID, encodedResult: Data) -> Data {
        var line = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        if (try? WireEncoder().encode(id, appendingTo: &line)) == nil { line += "null".utf8 }
        line += #","result":"#.utf8
        line += encodedResult
        line.append(UInt8(ascii: "}"))
        return Data(line)
    }

    /// `{"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…,"data":…}}`.
    package static func failure(id: RequestID, error: RPCError) -> Data {
        var line = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        if (try? WireEncoder().encode(id, appendingTo: &line)) == nil { line += "null".utf8 }
        line += #","error":"#.utf8
        if (try? WireEncoder().encode(error, appendingTo: &line)) == nil {
            line += #"{"code":-32603,"message":"unencodable error"}"#.utf8
        }
        line.append(UInt8(ascii: "}"))
        return Data(line)
    }

    /// `{"jsonrpc":"2.0","method":…,"params":…}`.
    package static func notification(method: String, params: some Encodable) throws -> Data {
        var line = Array(#"{"jsonrpc":"2.0","method":"#.utf8)
        try WireEncoder().encode(method, appendingTo: &line)
        line += #","params":"#.utf8
        try WireEncoder().encode(params, appendingTo: &line)
        line.append(UInt8(ascii: "}"))
        return Data(line)
    }

    /// A request line `{"jsonrpc":"2.0","id":…,"method":…,"params":…}` (used by clients).
    package static func request(id: RequestID, method: String, params: some Encodable) throws -> Data {
        var line = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        try WireEncoder().encode(id, appendingTo: &line)
        line += #","method":"#.utf8
        try WireEncoder().encode(method, appendingTo: &line)
        line += #","params":"#.utf8
        try WireEncoder().encode(params, appendingTo: &line)
        line.append(UInt8(ascii: "}"))
        return Data(line)
    }
}
