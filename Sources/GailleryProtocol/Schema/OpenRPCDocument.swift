import Foundation

/// The daemon's OpenRPC 1.3 document, as served by `rpc.discover`.
///
/// The text lives in `OpenRPCDocument+Generated.swift`, generated from `rpc-schema/openrpc.json` by
/// `rpc-schema/embed`; a test fails when the two differ.
public enum OpenRPCDocument {
    /// The parsed document.
    ///
    /// - Throws: `DecodingError` only if the embedded text is not JSON (a build defect the tests catch).
    public static func value() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The document as one line of compact JSON, as `rpc.discover` sends it: parsed and encoded on the
    /// first call only (the two took 19 ms for its 34 KB on every call).
    ///
    /// - Throws: as `value()`.
    public static func encoded() throws -> EncodedJSON {
        try compact.get()
    }

    /// The wire names of the documented methods, in the document's order: the one list of the methods
    /// the daemon serves (a daemon test checks its router against it).
    public static let methodNames: [String] = {
        guard case .array(let methods)? = try? value()["methods"] else { return [] }
        return methods.compactMap { method in
            if case .string(let name)? = method["name"] { return name }
            return nil
        }
    }()

    private static let compact = Result { EncodedJSON(bytes: try WireEncoder().encode(try value())) }
}
