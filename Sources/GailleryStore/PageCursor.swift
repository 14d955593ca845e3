import Foundation

/// Opaque page cursors: a kind letter and fields, base64url-encoded so clients treat them as tokens.
package enum PageCursor {
    /// Encodes `fields` under a one-letter `prefix` that names the listing it belongs to.
    package static func encode(prefix: String, _ fields: [String]) -> String {
        let text = ([prefix] + fields).joined(separator: "\u{1F}")
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The fields of a cursor made by `encode` with the same `prefix`, or nil for anything else.
    package static func decode(_ cursor: String, prefix: String) -> [String]? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard cursor.count <= 512, let data = Data(base64Encoded: base64),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == prefix, parts.count >= 2 else { return nil }
        return Array(parts.dropFirst())
    }
}
