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
}
