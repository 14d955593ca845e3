import Foundation
import Testing

@testable import GailleryProtocol

/// Every wire type encodes to the same JSON with `WireEncoder` as with `WireCoding.encoder()`.
@Suite struct WireEncoderEquivalenceTests {
    @Test(arguments: WireSamples.all)
    func protocolValueMatchesFoundation(sample: WireSample) throws {
        try sample.check()
    }

    @Test func openRPCDocumentMatchesFoundation() throws {
        try WireCompare.expectSame(try OpenRPCDocument.value())
    }

    @Test func valuesAreStreamedNotHandedToFoundation() throws {
        for sample in WireSamples.all {
            #expect(try sample.streams(), "\(sample.name) fell back to Foundation")
        }
    }
}

/// One value to compare, named for the test report.
struct WireSample: Sendable, CustomTestStringConvertible {
    let name: String
    let value: any Encodable & Sendable

    var testDescription: String { name }

    init(_ name: String, _ value: any Encodable & Sendable) {
        self.name = name
        self.value = value
    }

    /// Expects the same JSON from both encoders.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try WireCompare.expectSame(value, sourceLocation: sourceLocation)
    }

    /// Whether `WireEncoder` streamed the value itself.
    func streams() throws -> Bool {
        try WireCompare.streamedText(value) != nil
    }
}

/// Comparing `WireEncoder`'s output with Foundation's.
enum WireCompare {
    /// The reference: Foundation's encoder as the wire configures it.
    static func foundation(_ value: some Encodable) throws -> [UInt8] {
        [UInt8](try WireCoding.encoder().encode(value))
    }

    /// The streamed text, or nil when the value had to be re-encoded by Foundation.
    static func streamedText(_ value: some Encodable) throws -> [UInt8]? {
        let state = WireEncoderState.checkOut()
        defer { state.checkIn() }
        return try WireEncoder.stream(value, into: state) ? [UInt8](state.text) : nil
    }

    /// Expects both encoders to write the same JSON: the same tree with byte-identical scalars (numbers,
    /// strings and their escapes) whatever the member order, and doubles bit-identical once decoded.
    static func expectSame(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try WireEncoder().encode(value)
        let theirs = try foundation(value)
        let oursTree = try ExactJSON.parse(ours)
        let theirsTree = try ExactJSON.parse(theirs)
        #expect(
            oursTree == theirsTree,
            "\(String(decoding: ours, as: UTF8.self)) != \(String(decoding: theirs, as: UTF8.self))",
            sourceLocation: sourceLocation)
        let oursValue = try JSONDecoder().decode(JSONValue.self, from: Data(ours))
        let theirsValue = try JSONDecoder().decode(JSONValue.self, from: Data(theirs))
        #expect(bitIdentical(oursValue, theirsValue), sourceLocation: sourceLocation)
    }

    /// `==` on `JSONValue` except that doubles compare by bit pattern (so -0.0 differs from 0.0).
    static func bitIdentical(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.double(let left), .double(let right)): return left.bitPattern == right.bitPattern
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { bitIdentical($0, $1) }
        case (.object(let left), .object(let right)):
            return left.count == right.count
                && left.allSatisfy { key, value in
                    right[key].map { bitIdentical(value, $0) } ?? false
                }
        default: return lhs == rhs
        }
    }
}

/// A JSON tree that keeps each scalar's exact text, to compare two encoders' output byte for byte
/// except for member order.
indirect enum ExactJSON: Equatable {
    /// A number, string (with its quotes and escapes), `true`, `false` or `null`, as written.
    case scalar(String)
    case array([ExactJSON])
    /// Members by their key's exact text.
    case object([String: ExactJSON])

    struct SyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses UTF-8 JSON text.
    ///
    /// - Throws: `SyntaxError` for anything that is not one JSON value, or a key repeated in an object.
    static func parse(_ bytes: [UInt8]) throws -> ExactJSON {
        var index = 0
        let value = try parseValue(bytes, &index)
        guard index == bytes.count else { throw SyntaxError(description: "text after the value at byte \(index)") }
        return value
    }

    private static func parseValue(_ bytes: [UInt8], _ index: inout Int) throws -> ExactJSON {
        guard index < bytes.count else { throw SyntaxError(description: "unexpected end of text") }
        switch bytes[index] {
        case UInt8(ascii: "["):
            index += 1
            var elements: [ExactJSON] = []
            while try !closes(bytes, &index, UInt8(ascii: "]"), first: elements.isEmpty) {
                elements.append(try parseValue(bytes, &index))
            }
            return .array(elements)
        case UInt8(ascii: "{"):
            index += 1
            var members: [String: ExactJSON] = [:]
            while try !closes(bytes, &index, UInt8(ascii: "}"), first: members.isEmpty) {
                let key = try parseString(bytes, &index)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw SyntaxError(description: "no colon after key \(key)")
                }
                index += 1
                guard members.updateValue(try parseValue(bytes, &index), forKey: key) == nil else {
                    throw SyntaxError(description: "key \(key) repeated")
                }
            }
            return .object(members)
        case UInt8(ascii: "\""):
            return .scalar(try parseString(bytes, &index))
        default:
            let start = index
            while index < bytes.count, !",]}".utf8.contains(bytes[index]) { index += 1 }
            guard index > start else { throw SyntaxError(description: "empty value at byte \(start)") }
            return .scalar(String(decoding: bytes[start..<index], as: UTF8.self))
        }
    }

    /// At a separator: true after consuming the closing bracket, false after consuming a comma (or
    /// nothing, before the first element).
    private static func closes(_ bytes: [UInt8], _ index: inout Int, _ closer: UInt8, first: Bool) throws -> Bool {
        guard index < bytes.count else { throw SyntaxError(description: "unclosed container") }
        if bytes[index] == closer {
            index += 1
            return true
        }
        if first { return false }
        guard bytes[index] == UInt8(ascii: ",") else { throw SyntaxError(description: "no comma at byte \(index)") }
        index += 1
        return false
    }

    private static func parseString(_ bytes: [UInt8], _ index: inout Int) throws -> String {
        let start = index
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw SyntaxError(description: "no string at byte \(index)")
        }
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard index < bytes.count else { throw SyntaxError(description: "unterminated string") }
        index += 1
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}
