import GailleryProtocol

/// The members of a request the router needs before it picks a handler.
struct RequestHeader: Equatable {
    /// `jsonrpc` when it is a string.
    var jsonrpc: String?
    /// `id` when it is an integer, a string or null.
    var id: RequestID?
    /// `method` when it is a string.
    var method: String?
    /// Whether the message has an `id` member at all (a request rather than a notification).
    var hasID: Bool
    /// The JSON type of `params`.
    var params: ParamsShape
    /// Where the `params` object lies in the message, when the scanner found it (a hint for the fast
    /// params decoder; not part of equality, since Foundation's header decoding doesn't report it).
    var paramsRange: Range<Int>? = nil

    /// The params' type and place, as handlers receive them.
    var span: ParamsSpan { ParamsSpan(shape: params, range: paramsRange) }

    static func == (left: RequestHeader, right: RequestHeader) -> Bool {
        left.jsonrpc == right.jsonrpc && left.id == right.id && left.method == right.method
            && left.hasID == right.hasID && left.params == right.params
    }
}

/// Reads a request's header in one pass over its bytes while checking that the whole message is valid
/// JSON (RFC 8259), with no allocation beyond the header's strings: Foundation's `JSONDecoder` builds a
/// value tree of the entire message first, which is most of a small call's CPU time.
///
/// It handles the common case only and says `unsure` for the rest, for the caller to decode with
/// Foundation: any byte outside ASCII (so UTF-8 validation stays Foundation's), escapes inside the
/// header's own strings, an `id` that is not a plain integer, a header member given twice, or nesting
/// deeper than 256 levels.
enum RequestScanner {
    /// What the scan found.
    enum Outcome: Equatable {
        /// The message is not valid JSON.
        case invalidJSON
        /// Valid JSON, but not an object.
        case notObject
        /// A JSON object, and its header.
        case header(RequestHeader)
        /// Outside the fast path: decode with Foundation.
        case unsure
    }

    /// Scans `bytes` (one message, without its newline).
    static func scan(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        var cursor = Cursor(bytes: bytes)
        do {
            cursor.skipSpace()
            guard cursor.peek == UInt8(ascii: "{") else {
                try cursor.skipValue(depth: 0)
                try cursor.expectEnd()
                return .notObject
            }
            let header = try cursor.readHeaderObject()
            try cursor.expectEnd()
            return .header(header)
        } catch .invalid {
            return .invalidJSON
        } catch {
            return .unsure
        }
    }

    enum Failure: Error {
        case invalid
        case unsure
    }

    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws(Failure) {
            guard peek == byte else { throw .invalid }
            index += 1
        }

        mutating func expectEnd() throws(Failure) {
            skipSpace()
            guard index == bytes.count else { throw .invalid }
        }

        /// The top-level object, keeping the header members and skipping the rest.
        mutating func readHeaderObject() throws(Failure) -> RequestHeader {
            var header = RequestHeader(jsonrpc: nil, id: nil, method: nil, hasID: false, params: .absent)
            var seen: UInt8 = 0
            try expect(UInt8(ascii: "{"))
            skipSpace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return header
            }
            while true {
                skipSpace()
                let (key, keyEscaped) = try readStringRange()
                // An escaped key might spell a header member ("\u0069d"): Foundation unescapes it.
                guard !keyEscaped else { throw .unsure }
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if let member = Member(bytes[key]) {
                    guard seen & member.rawValue == 0 else { throw .unsure }
                    seen |= member.rawValue
                    try readMember(member, into: &header)
                } else {
                    try skipValue(depth: 1)
                }
                skipSpace()
                guard let next = peek else { throw .invalid }
                index += 1
                if next == UInt8(ascii: "}") { return header }
                guard next == UInt8(ascii: ",") else { throw .invalid }
            }
        }

        /// The header members, as bits for spotting duplicates.
        enum Member: UInt8 {
            case jsonrpc = 1, id = 2, method = 4, params = 8

            init?(_ key: UnsafeRawBufferPointer.SubSequence) {
                switch key.count {
                case 2 where key.elementsEqual("id".utf8): self = .id
                case 6 where key.elementsEqual("method".utf8): self = .method
                case 6 where key.elementsEqual("params".utf8): self = .params
                case 7 where key.elementsEqual("jsonrpc".utf8): self = .jsonrpc
                default: return nil
                }
            }
        }

        private mutating func readMember(_ member: Member, into header: inout RequestHeader) throws(Failure) {
            let start = index
            let first = peek
            switch member {
            case .params:
                try skipValue(depth: 1)
                header.params =
                    first == UInt8(ascii: "{") ? .object : first == UInt8(ascii: "[") ? .array : .other
                if header.params == .object { header.paramsRange = start..<index }
            case .id:
                header.hasID = true
                if first == UInt8(ascii: "\"") {
                    header.id = .string(try readPlainString())
                } else if first == UInt8(ascii: "n") {
                    try skipValue(depth: 1)
                    header.id = .null
                } else if let first, first == UInt8(ascii: "-") || (0x30...0x39).contains(first) {
                    try skipNumber()
                    guard let number = Int64(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                        throw .unsure
                    }
                    header.id = .number(number)
                } else {
                    try skipValue(depth: 1)
                }
            case .jsonrpc, .method:
                guard first == UInt8(ascii: "\"") else {
                    try skipValue(depth: 1)
                    return
                }
                let text = try readPlainString()
                if member == .jsonrpc { header.jsonrpc = text } else { header.method = text }
            }
        }

        /// Reads a string without escapes at the cursor and returns its text (`unsure` if it has escapes).
        mutating func readPlainString() throws(Failure) -> String {
            let (range, escaped) = try readStringRange()
            guard !escaped else { throw .unsure }
            return String(decoding: bytes[range], as: UTF8.self)
        }

        /// Reads a string at the cursor; returns the range of its contents and whether it has escapes.
        mutating func readStringRange() throws(Failure) -> (Range<Int>, Bool) {
            try expect(UInt8(ascii: "\""))
            let start = index
            var escaped = false
            while index < bytes.count {
                skipPlainWords()
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    return (start..<(index - 1), escaped)
                case UInt8(ascii: "\\"):
                    escaped = true
                    try skipEscape()
                case 0x00..<0x20:
                    throw .invalid
                case 0x80...:
                    throw .unsure
                default:
                    index += 1
                }
            }
            throw .invalid
        }

        /// Skips string bytes eight at a time while none of them is a quote, a backslash, a control
        /// character or non-ASCII: a photo sent as base64 is one string of hundreds of kilobytes, which
        /// a byte at a time took half a millisecond to cross (twice: the header and then the params).
        private mutating func skipPlainWords() {
            while index + 8 <= bytes.count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if Self.hasSpecialByte(word) { return }
                index += 8
            }
        }

        /// Whether any byte of `word` is `"`, `\`, below 0x20 or above 0x7F (the classic "has a zero
        /// byte" and "has a byte below n" tests, exact once no byte has its high bit set).
        static func hasSpecialByte(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            if word & highs != 0 { return true }
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let control = (word &- ones &* 0x20) & ~word
            let isQuote = (quote &- ones) & ~quote
            let isBackslash = (backslash &- ones) & ~backslash
            return (control | isQuote | isBackslash) & highs != 0
        }

        private mutating func skipEscape() throws(Failure) {
            index += 1
            guard let byte = peek else { throw .invalid }
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                return
            case UInt8(ascii: "u"):
                for _ in 0..<4 {
                    guard let hex = peek, hex.isHexDigit else { throw .invalid }
                    index += 1
                }
            default:
                throw .invalid
            }
        }

        mutating func skipNumber() throws(Failure) {
            if peek == UInt8(ascii: "-") { index += 1 }
            guard let lead = peek, lead.isDigit else { throw .invalid }
            index += 1
            if lead != UInt8(ascii: "0") { skipDigits() }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard peek?.isDigit == true else { throw .invalid }
                skipDigits()
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard peek?.isDigit == true else { throw .invalid }
                skipDigits()
            }
        }

        private mutating func skipDigits() {
            while let byte = peek, byte.isDigit { index += 1 }
        }

        /// Skips one JSON value of any type, checking its syntax.
        mutating func skipValue(depth: Int) throws(Failure) {
            guard depth < 256 else { throw .unsure }
            guard let byte = peek else { throw .invalid }
            switch byte {
            case UInt8(ascii: "\""):
                _ = try readStringRange()
            case UInt8(ascii: "{"):
                try skipContainer(close: UInt8(ascii: "}"), depth: depth) { cursor throws(Failure) in
                    _ = try cursor.readStringRange()
                    cursor.skipSpace()
                    try cursor.expect(UInt8(ascii: ":"))
                    cursor.skipSpace()
                    try cursor.skipValue(depth: depth + 1)
                }
            case UInt8(ascii: "["):
                try skipContainer(close: UInt8(ascii: "]"), depth: depth) { cursor throws(Failure) in
                    try cursor.skipValue(depth: depth + 1)
                }
            case UInt8(ascii: "t"): try skipLiteral("true")
            case UInt8(ascii: "f"): try skipLiteral("false")
            case UInt8(ascii: "n"): try skipLiteral("null")
            default: try skipNumber()
            }
        }

        /// Walks the object or array whose opening byte is at the cursor, calling `element` at each
        /// member or element (after leading space) and checking the separators and the closing byte.
        mutating func skipContainer(
            close: UInt8, depth: Int, element: (inout Cursor) throws(Failure) -> Void
        ) throws(Failure) {
            index += 1
            skipSpace()
            if peek == close {
                index += 1
                return
            }
            while true {
                skipSpace()
                try element(&self)
                skipSpace()
                guard let next = peek else { throw .invalid }
                index += 1
                if next == close { return }
                guard next == UInt8(ascii: ",") else { throw .invalid }
            }
        }

        /// Skips `literal` (`true`, `false` or `null`) at the cursor.
        mutating func skipLiteral(_ literal: StaticString) throws(Failure) {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw .invalid }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { throw .invalid }
            index += count
        }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { (0x30...0x39).contains(self) }
    fileprivate var isHexDigit: Bool { isDigit || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}
