import Foundation
import GailleryProtocol

/// The parameter names each method documents in the OpenRPC document (`rpc-schema/openrpc.json`), so
/// that a misspelled or unknown parameter is refused with -32602 instead of being ignored: a script's
/// `tags.list {"prefx": "d"}` would otherwise list every tag.
enum ParameterNames {
    /// The documented names by method, as spelled on the wire. Methods the document does not list (a
    /// test's own, for instance) are not checked.
    static let documented: [String: Set<String>] = {
        guard case .array(let methods)? = (try? OpenRPCDocument.value())?["methods"] else { return [:] }
        var table: [String: Set<String>] = [:]
        for method in methods {
            guard case .string(let name)? = method["name"], case .array(let params)? = method["params"] else {
                continue
            }
            table[name] = Set(
                params.compactMap { param in
                    if case .string(let name)? = param["name"] { return name }
                    return nil
                })
        }
        return table
    }()

    /// Throws when the `params` object of `message` (at `range` when known) has a member `method` does
    /// not document.
    ///
    /// - Throws: `RPCError.invalidParams` naming the member and the parameters the method takes.
    static func check(_ method: String, message: Data, range: Range<Int>?) throws {
        guard let names = documented[method], let keys = keys(of: message, range: range) else { return }
        guard let unknown = keys.first(where: { !names.contains($0) }) else { return }
        if names.isEmpty {
            throw RPCError.invalidParams("\(method) takes no parameters; remove \"\(unknown)\"")
        }
        throw RPCError.invalidParams(
            "\(method): unknown parameter \"\(unknown)\"; it takes \(names.sorted().joined(separator: ", "))")
    }

    /// Whether every member name of the object in `bytes` is one `method` documents (true for methods
    /// the document does not list; false when a name cannot be read from the bytes: `check` then says).
    static func accepts(_ method: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let names = documented[method] else { return true }
        return plainKeys(bytes)?.allSatisfy(names.contains) ?? false
    }

    /// The member names of the params object: read from its bytes when they lie at `range` and every
    /// name is plain, else through Foundation. Nil when there is no params object.
    static func keys(of message: Data, range: Range<Int>?) -> [String]? {
        if let range, range.upperBound <= message.count,
            let keys = message.withUnsafeBytes({ plainKeys(UnsafeRawBufferPointer(rebasing: $0[range])) })
        {
            return keys
        }
        return (try? JSONDecoder().decode(Envelope.self, from: message))?.params?.names
    }

    /// The member names of the object in `bytes`, or nil when it is not an object or a name has escapes.
    private static func plainKeys(_ bytes: UnsafeRawBufferPointer) -> [String]? {
        var keys: [String] = []
        var cursor = RequestScanner.Cursor(bytes: bytes)
        cursor.skipSpace()
        guard cursor.peek == UInt8(ascii: "{") else { return nil }
        do {
            try cursor.skipContainer(close: UInt8(ascii: "}"), depth: 0) { cursor throws(RequestScanner.Failure) in
                keys.append(try cursor.readPlainString())
                cursor.skipSpace()
                try cursor.expect(UInt8(ascii: ":"))
                cursor.skipSpace()
                try cursor.skipValue(depth: 1)
            }
        } catch {
            return nil
        }
        return keys
    }

    private struct Envelope: Decodable {
        var params: Names?
    }

    /// An object's member names, whatever their values.
    private struct Names: Decodable {
        var names: [String]

        init(from decoder: any Decoder) throws {
            names = try decoder.container(keyedBy: ParamsShape.AnyKey.self).allKeys.map(\.stringValue)
        }
    }
}
