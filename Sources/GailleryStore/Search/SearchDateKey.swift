/// A photo's local date in the index's own form, `YYYY-MM-DDTHH:MM:SS`, packed into one integer whose
/// order is SQLite's `BINARY` order of the text, so that the in-memory index compares dates as the SQL
/// filters do (`COALESCE(taken_at, …) >= '2024-01-01T00:00:00'`) with one integer comparison.
///
/// Texts of exactly that shape (19 bytes, digits where the format has digits) differ only in their
/// digits, at the same positions, so comparing them byte by byte is comparing the numbers the digits
/// spell. Any other text has no key; the index compares those as text.
struct SearchDateKey: Comparable, Hashable, Sendable {
    /// The digits as one decimal number: YYYYMMDDHHMMSS.
    private let value: UInt64

    /// The key of `text`, or nil when it is not `YYYY-MM-DDTHH:MM:SS` with ASCII digits.
    init?(_ text: String) {
        var value: UInt64 = 0
        var length = 0
        for byte in text.utf8 {
            guard length < 19 else { return nil }
            switch length {
            case 4, 7: guard byte == UInt8(ascii: "-") else { return nil }
            case 10: guard byte == UInt8(ascii: "T") else { return nil }
            case 13, 16: guard byte == UInt8(ascii: ":") else { return nil }
            default:
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            }
            length += 1
        }
        guard length == 19 else { return nil }
        self.value = value
    }

    private init(value: UInt64) { self.value = value }

    /// The key of no photo (for slots without a keyed date).
    static let minimum = SearchDateKey(value: 0)

    static func < (left: SearchDateKey, right: SearchDateKey) -> Bool { left.value < right.value }
}
