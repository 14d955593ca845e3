import Foundation
import GailleryProtocol

/// Encodes JSON-RPC 2.0 responses and notifications as single lines (no trailing newline).
package enum MessageCoding {
    /// `{"jsonrpc":"2.0","id":…,"result":…}`.
    package static func success(id: RequestID, result: some Encodable) throws -> Data {
        var line = Data(#"{"jsonrpc":"2.0","id":"#.utf8)
        line.append(try WireCoding.encoder().encode(id))
        line.append(contentsOf: #","result":"#.utf8)
        line.append(try WireCoding.encoder().encode(result))
        line.append(UInt8(ascii: "}"))
        return line
    }

    /// `{"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…,"data":…}}`.
    package static func failure(id: RequestID, error: RPCError) -> Data {
        var line = Data(#"{"jsonrpc":"2.0","id":"#.utf8)
        let encoder = WireCoding.encoder()
        line.append((try? encoder.encode(id)) ?? Data("null".utf8))
        line.append(contentsOf: #","error":"#.utf8)
        line.append((try? encoder.encode(error)) ?? Data(#"{"code":-32603,"message":"unencodable error"}"#.utf8))
        line.append(UInt8(ascii: "}"))
        return line
    }

    /// `{"jsonrpc":"2.0","method":…,"params":…}`.
    package static func notification(method: String, params: some Encodable) throws -> Data {
        let encoder = WireCoding.encoder()
        var line = Data(#"{"jsonrpc":"2.0","method":"#.utf8)
        line.append(try encoder.encode(method))
        line.append(contentsOf: #","params":"#.utf8)
        line.append(try encoder.encode(params))
        line.append(UInt8(ascii: "}"))
        return line
    }

    /// A request line `{"jsonrpc":"2.0","id":…,"method":…,"params":…}` (used by clients).
    package static func request(id: RequestID, method: String, params: some Encodable) throws -> Data {
        let encoder = WireCoding.encoder()
        var line = Data(#"{"jsonrpc":"2.0","id":"#.utf8)
        line.append(try encoder.encode(id))
        line.append(contentsOf: #","method":"#.utf8)
        line.append(try encoder.encode(method))
        line.append(contentsOf: #","params":"#.utf8)
        line.append(try encoder.encode(params))
        line.append(UInt8(ascii: "}"))
        return line
    }
}
