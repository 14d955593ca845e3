import Foundation
import GailleryCore

/// The opaque position in a search's result order: the last hit's score and id, plus a fingerprint of
/// the query it belongs to. Encoded as base64url (no padding) of 21 bytes: version 1, fingerprint
/// (4 bytes), the score's IEEE 754 bits (8), the id (8), all big-endian.
struct SearchCursor: Equatable {
    /// FNV-1a of the query and minimum confidence, truncated to 32 bits.
    let fingerprint: UInt32
    /// The score of the last hit returned.
    let score: Double
    /// The id of the last hit returned.
    let id: Int64

    private static let version: UInt8 = 1
    private static let byteCount = 21

    init(fingerprint: UInt32, score: Double, id: Int64) {
        self.fingerprint = fingerprint
        self.score = score
        self.id = id
    }

    /// Decodes a cursor that `search` returned for the query with `expectedFingerprint`.
    ///
    /// - Throws: `StoreError.invalid` when `text` is not such a cursor.
    init(decoding text: String, expectedFingerprint: UInt32) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 64, let data = Data(base64Encoded: base64), data.count == Self.byteCount,
            data[0] == Self.version
        else {
            throw StoreError.invalid(
                "malformed cursor \"\(text.prefix(64))\"; pass the next_cursor of the previous page unchanged, "
                    + "or no cursor to start from the first page")
        }
        let bytes = Array(data)
        func integer(_ range: Range<Int>) -> UInt64 { bytes[range].reduce(0) { $0 << 8 | UInt64($1) } }
        fingerprint = UInt32(integer(1..<5))
        score = Double(bitPattern: integer(5..<13))
        id = Int64(bitPattern: integer(13..<21))
        guard fingerprint == expectedFingerprint else {
            throw StoreError.invalid(
                "the cursor belongs to a different query or min_confidence; repeat the query that returned it, "
                    + "or pass no cursor to start from the first page")
        }
        guard score.isFinite, score >= 0, id > 0 else {
            throw StoreError.invalid("malformed cursor \"\(text)\"; it holds an impossible position")
        }
    }

    /// The cursor as base64url text.
    var encoded: String {
        var bytes: [UInt8] = [Self.version]
        func append(_ value: UInt64, bytes count: Int) {
            for shift in stride(from: (count - 1) * 8, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            }
        }
        append(UInt64(fingerprint), bytes: 4)
        append(score.bitPattern, bytes: 8)
        append(UInt64(bitPattern: id), bytes: 8)
        return Self.base64URL(bytes)
    }

    /// RFC 4648 base64url without padding (what Foundation's base64 with `+/` mapped to `-_` and the
    /// `=` dropped gives), written directly: a page's cursor is made on every search.
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var bits: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { bits |= UInt32(byte) << UInt32(16 - 8 * offset) }
            for position in 0...chunk.count { text.append(alphabet[Int(bits >> UInt32(18 - 6 * position)) & 63]) }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }
}
