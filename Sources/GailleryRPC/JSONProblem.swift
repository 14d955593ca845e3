import Foundation
import GailleryProtocol

/// Why Foundation's JSON decoder refused a message, found by a pass over its bytes: the decoder itself
/// only says "not valid JSON", also for text that is valid JSON it cannot take.
enum JSONProblem: Equatable {
    /// A byte sequence that is not UTF-8, starting at `offset`.
    case invalidUTF8(offset: Int, byte: UInt8)
    /// Arrays and objects nested deeper than `maximumDepth`, first at `offset`.
    case tooDeep(offset: Int)
    /// A number too large for a 64-bit float (`1e999`).
    case numberOutOfRange(offset: Int, text: String)

    /// The deepest nesting Foundation's decoder accepts.
    static let maximumDepth = 512

    /// The first problem in `message` (see `find(in:)` for bytes).
    static func find(in message: Data) -> JSONProblem? {
        message.withUnsafeBytes { find(in: $0) }
    }

    /// The first byte of `message` that is not UTF-8, as a problem; nil when all of it is UTF-8.
    static func invalidUTF8(in message: Data) -> JSONProblem? {
        message.withUnsafeBytes { bytes in
            // The standard library's validation runs a word at a time; the decoder loop below only runs
            // to locate the bad byte.
            if String(validating: bytes, as: UTF8.self) != nil { return nil }
            return firstInvalidUTF8(bytes).map { .invalidUTF8(offset: $0.0, byte: $0.1) }
        }
    }

    /// The first problem in `bytes`, or nil when the pass finds none of these (the text is then
    /// malformed in some other way).
    static func find(in bytes: UnsafeRawBufferPointer) -> JSONProblem? {
        if let (offset, byte) = firstInvalidUTF8(bytes) { return .invalidUTF8(offset: offset, byte: byte) }
        var depth = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index = endOfString(bytes, from: index)
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth { return .tooDeep(offset: index) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                if let value = Double(text), !value.isFinite {
                    return .numberOutOfRange(
                        offset: start, text: text.count > 40 ? String(text.prefix(40)) + "…" : text)
                }
                continue
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The error code to answer with: the text can't be parsed (-32700), or a number in it can't be
    /// used as a parameter (-32602).
    var code: ErrorCode {
        switch self {
        case .invalidUTF8, .tooDeep: .parseError
        case .numberOutOfRange: .invalidParams
        }
    }

    /// The problem in words, for an error message.
    var message: String {
        switch self {
        case .invalidUTF8(let offset, let byte):
            "not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset)); send UTF-8 text"
        case .tooDeep(let offset):
            "arrays and objects nest more than \(Self.maximumDepth) levels deep (at offset \(offset)); "
                + "no request needs more than a few"
        case .numberOutOfRange(let offset, let text):
            "the number \(text) at offset \(offset) is too large for a 64-bit float"
        }
    }

    /// The offset and value of the first byte that does not start or continue a valid UTF-8 sequence.
    private static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> (Int, UInt8)? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return (offset, bytes[offset])
            }
        }
    }

    /// The index just past the string that starts with the quote at `start` (or the end of `bytes`).
    private static func endOfString(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default: false
        }
    }
}
