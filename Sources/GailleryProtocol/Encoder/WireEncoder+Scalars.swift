/// JSON text for scalars, byte for byte as Foundation's `JSONEncoder` writes it.
extension WireEncoderState {
    /// Appends `null`.
    @inline(__always)
    func writeNull() {
        append(WireLiteral.null)
    }

    /// Appends `true` or `false`.
    @inline(__always)
    func writeBool(_ value: Bool) {
        append(value ? WireLiteral.true : WireLiteral.false)
    }

    /// Appends a signed integer in decimal.
    @inline(__always)
    func writeInteger<T: FixedWidthInteger & SignedInteger>(_ value: T) {
        writeDecimal(UInt64(value.magnitude), negative: value < 0)
    }

    /// Appends an unsigned integer in decimal.
    @inline(__always)
    func writeInteger<T: FixedWidthInteger & UnsignedInteger>(_ value: T) {
        writeDecimal(UInt64(value), negative: false)
    }

    /// Appends `magnitude` in decimal, with a leading minus when `negative`.
    func writeDecimal(_ magnitude: UInt64, negative: Bool) {
        reserve(21)  // a sign and 20 digits
        if negative {
            base[count] = UInt8(ascii: "-")
            count &+= 1
        }
        var digits = 1
        var limit: UInt64 = 10
        while digits < 20 && magnitude >= limit {
            digits &+= 1
            limit = limit &* 10
        }
        // Two digits per division, from the right.
        var index = count &+ digits
        var rest = magnitude
        while rest >= 100 {
            let quotient = rest / 100
            index &-= 2
            writeTwoDigits(UInt8(truncatingIfNeeded: rest &- quotient &* 100), at: index)
            rest = quotient
        }
        if rest >= 10 {
            writeTwoDigits(UInt8(truncatingIfNeeded: rest), at: index &- 2)
        } else {
            base[index &- 1] = UInt8(truncatingIfNeeded: rest) &+ UInt8(ascii: "0")
        }
        count &+= digits
    }

    @inline(__always)
    private func writeTwoDigits(_ pair: UInt8, at index: Int) {
        base[index] = pair / 10 &+ UInt8(ascii: "0")
        base[index &+ 1] = pair % 10 &+ UInt8(ascii: "0")
    }

    /// Appends a finite `Double` or `Float` as Swift's shortest round-trip text without a trailing
    /// ".0" (what Foundation writes: `1`, `0.5`, `1e-07`, `1e+21`, `-0`).
    ///
    /// - Throws: `EncodingError.invalidValue` for NaN and infinities, at `path`.
    func writeFloat<T: BinaryFloatingPoint & TextOutputStreamable>(_ value: T, path: @autoclosure () -> [any CodingKey])
        throws
    {
        guard value.isFinite else { throw WireEncoderState.nonConformingFloat(value, path: path()) }
        if value == 0 {
            if value.sign == .minus { append(UInt8(ascii: "-")) }
            append(UInt8(ascii: "0"))
        } else if value.magnitude < T(sign: .plus, exponent: T.Exponent(T.significandBitCount), significand: 1),
            value == value.rounded(.towardZero)
        {
            // Integral and below 2^significandBitCount: Swift prints these as "N.0", never with an exponent.
            writeInteger(Int64(value))
        } else {
            var sink = WireTextSink(state: self)
            value.write(to: &sink)
            if base[count &- 2] == UInt8(ascii: "."), base[count &- 1] == UInt8(ascii: "0") {
                removeLast(2)
            }
        }
    }

    /// Foundation's error for NaN and infinities.
    static func nonConformingFloat<T: BinaryFloatingPoint>(_ value: T, path: [any CodingKey]) -> EncodingError {
        let name = value.isNaN ? "\(T.self).nan" : (value < 0 ? "-\(T.self).infinity" : "\(T.self).infinity")
        let context = EncodingError.Context(
            codingPath: path,
            debugDescription: "Unable to encode \(name) directly in JSON; the wire has no NaN or infinity. "
                + "Send null (an absent optional) or a finite value instead.")
        return EncodingError.invalidValue(value, context)
    }

    /// Appends a string literal: quoted, with `"`, `\` and control characters escaped (`\n`, `\t`,
    /// `\b`, `\f`, `\r`, else `\u00xx`), and everything else, `/` and non-ASCII included, as UTF-8.
    @inline(__always)
    func writeString(_ value: String) {
        var value = value
        value.withUTF8 { writeEscaped($0) }
    }

    /// Appends the UTF-8 `text` as a quoted, escaped JSON string.
    func writeEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        if let start = text.baseAddress, Self.plainLength(start, text.count) == text.count {
            append(start, count: text.count)  // the common case: nothing to escape
        } else {
            writeEscapedSlowly(text)
        }
        append(UInt8(ascii: "\""))
    }

    /// The length of the prefix of the `count` bytes at `start` that needs no escaping, found eight
    /// bytes at a time (it may stop up to seven bytes early).
    @inline(__always)
    private static func plainLength(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let raw = UnsafeRawPointer(start)
        var index = 0
        while index &+ 8 <= count, !needsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
            index &+= 8
        }
        if index < count && index &+ 8 > count {
            // The last few bytes, padded with spaces (which need no escaping).
            var word: UInt64 = 0x2020_2020_2020_2020
            withUnsafeMutableBytes(of: &word) {
                $0.baseAddress!.copyMemory(from: raw + index, byteCount: count &- index)
            }
            if !needsEscape(word) { index = count }
        }
        return index
    }

    /// Appends `text`'s bytes, escaping those that need it, one at a time.
    private func writeEscapedSlowly(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for (index, byte) in text.enumerated()
        where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            if index > runStart { append(UnsafeBufferPointer(rebasing: text[runStart..<index])) }
            appendEscape(for: byte)
            runStart = index &+ 1
        }
        if text.count > runStart { append(UnsafeBufferPointer(rebasing: text[runStart...])) }
    }

    /// Whether any of the eight bytes in `word` is a control character, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let below20 = (word &- ones &* 0x20) & ~word
        let zeroQuote = (quotes &- ones) & ~quotes
        let zeroBackslash = (backslashes &- ones) & ~backslashes
        return (below20 | zeroQuote | zeroBackslash) & highs != 0
    }

    /// Appends the escape sequence for a quote, a backslash or a control character.
    private func appendEscape(for byte: UInt8) {
        append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
        case 0x08: append(UInt8(ascii: "b"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0C: append(UInt8(ascii: "f"))
        case 0x0D: append(UInt8(ascii: "r"))
        default:
            append(UInt8(ascii: "u"))
            append(UInt8(ascii: "0"))
            append(UInt8(ascii: "0"))
            append(Self.hexDigit(byte >> 4))
            append(Self.hexDigit(byte & 0xF))
        }
    }

    /// The lowercase hex digit for `nibble` (0...15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ (nibble &- 10)
    }
}

/// Collects the ASCII text of a floating-point number straight into the run's buffer.
struct WireTextSink: TextOutputStream {
    /// The run being written.
    let state: WireEncoderState

    /// Appends `string`'s UTF-8.
    mutating func write(_ string: String) {
        state.appendRaw(string)
    }

    /// Appends ASCII bytes (the standard library's number formatting calls this, avoiding a `String`).
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        state.append(buffer)
    }
}

/// The byte spellings of JSON's literals.
enum WireLiteral {
    /// `null`
    static let null: [UInt8] = Array("null".utf8)
    /// `true`
    static let `true`: [UInt8] = Array("true".utf8)
    /// `false`
    static let `false`: [UInt8] = Array("false".utf8)
    /// `{}`
    static let emptyObject: [UInt8] = Array("{}".utf8)
}
