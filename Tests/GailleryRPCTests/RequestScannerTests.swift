import Foundation
import GailleryProtocol
import Testing
import GailleryTestSupport

@testable import GailleryRPC

/// The one-pass header scanner against two references: for a message it accepts, the header must be the
/// one Foundation's decoder reads; for a message it rejects as invalid JSON (or as not an object), Python's
/// strict `json` module (RFC 8259, no NaN) must agree. Foundation alone is not the reference for
/// rejections: it tolerates trailing commas, raw control characters in strings and malformed numbers or
/// escapes in members it is not asked to decode, which the scanner refuses.
@Suite struct RequestScannerTests {
    static let seeds = [
        #"{"jsonrpc":"2.0","id":1,"method":"daemon.status"}"#,
        #"{"jsonrpc":"2.0","method":"photos.search","params":{"query":"dog beach","limit":20},"id":"a-7"}"#,
        #" { "id" : null , "jsonrpc" : "2.0" , "method" : "x.y" , "params" : [ 1, -2.5e+3, true, false, null ] } "#,
        #"{"jsonrpc":"2.0","id":-42,"method":"photos.get","params":{"id":5,"nested":{"a":[{},[],"\n\u00e9\\"]}}}"#,
        #"{"jsonrpc":"2.0","method":"events.unsubscribe"}"#,
        #"{"jsonrpc":2.0,"id":true,"method":7,"params":"text"}"#,
        #"{"jsonrpc":"2.0","id":1.5,"method":"a"}"#,
        #"{"jsonrpc":"2.0","id":99999999999999999999,"method":"a"}"#,
        #"{"jsonrpc":"2.0","id":"\u0041","method":"a\tb"}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"a","params":{"name":"café"}}"#,
        #"{"\u0069d":3,"jsonrpc":"2.0","method":"a"}"#,
        #"{"id":1,"id":2,"jsonrpc":"2.0","method":"a"}"#,
        #"{}"#, #"[]"#, #""text""#, #"12"#, #"null"#, #"{"a":}"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{"a":01}"#,
        #"{"a":"\x"}"#, #"{"a":tru}"#, #"{"a":1}}"#, #"{"a":[1,2}"#, #"{"a":-}"#, #"{"a":1.}"#, #"{"a":1e}"#,
    ]

    /// Random byte edits of the seeds (deletions, insertions, replacements, truncations), mostly invalid.
    static let mutated: [String] = {
        var random = SplitMix64(seed: 0x6a11e7)
        let alphabet = Array(#"{}[]",:\ 0123456789-+.eEtrufalsn"ad/"#.utf8) + [0x09, 0x0A, 0x01]
        return (0..<20_000).map { round in
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<(1 + Int(random.next() % 3)) where !bytes.isEmpty {
                let at = Int(random.next() % UInt64(bytes.count))
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 4 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(byte, at: at)
                case 2: bytes[at] = byte
                default: bytes.removeSubrange(at...)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }()

    /// Python's verdict on each message: "object", "other" (valid JSON, not an object) or "invalid".
    static func strictVerdicts(_ messages: [String]) throws -> [String] {
        let script = """
            import json, sys
            def no_constants(name): raise ValueError(name)
            for line in sys.stdin:
                try:
                    value = json.loads(json.loads(line), parse_constant=no_constants)
                    print("object" if isinstance(value, dict) else "other")
                except ValueError:
                    print("invalid")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let lines = try messages.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let writer = Thread {
            input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let verdicts = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return verdicts.split(separator: "\n").map(String.init)
    }

    /// Messages on which the scanner and the references disagree.
    static func disagreements(_ messages: [String]) throws -> [String] {
        let verdicts = try strictVerdicts(messages)
        #expect(verdicts.count == messages.count)
        return zip(messages, verdicts).compactMap { text, verdict in
            let message = Data(text.utf8)
            let agrees =
                switch message.withUnsafeBytes({ RequestScanner.scan($0) }) {
                case .header(let header):
                    verdict == "object" && (try? RPCRouter.foundationHeader(of: message).get()) == header
                case .invalidJSON: verdict == "invalid"
                case .notObject: verdict == "other"
                case .unsure: true
                }
            return agrees ? nil : text
        }
    }

    @Test func seedsAgree() throws {
        #expect(try Self.disagreements(Self.seeds) == [])
    }

    @Test func mutatedMessagesAgree() throws {
        let wrong = try Self.disagreements(Self.mutated)
        let outcomes = Self.mutated.map { Data($0.utf8).withUnsafeBytes { RequestScanner.scan($0) } }
        let read = outcomes.filter { if case .header = $0 { true } else { false } }.count
        let invalid = outcomes.filter { $0 == .invalidJSON }.count
        #expect(read > 1_000 && invalid > 2_000, "read \(read), invalid \(invalid): both kinds exercised")
        #expect(wrong.isEmpty, "\(wrong.count) disagreements, e.g. \(wrong.prefix(5))")
    }

    @Test func readsPlainRequestsWithoutFoundation() {
        for text in Self.seeds.prefix(5) {
            let outcome = Data(text.utf8).withUnsafeBytes { RequestScanner.scan($0) }
            guard case .header = outcome else {
                Issue.record("fell back to Foundation on \(text): \(outcome)")
                continue
            }
        }
    }

    /// Long strings are crossed eight bytes at a time: a quote, an escape, a control character or a
    /// non-ASCII byte at any offset in a long string must still be seen.
    @Test func specialBytesAreFoundAtEveryOffsetOfALongString() {
        let cases: [(inserted: [UInt8], expected: String)] = [
            (Array(#"\""#.utf8), "header"), (Array(#"\\"#.utf8), "header"), (Array(#"\u0041"#.utf8), "header"),
            ([0x01], "invalid"), ([0x1F], "invalid"), (Array("é".utf8), "unsure"), (Array(#"""#.utf8), "invalid"),
        ]
        for (inserted, expected) in cases {
            for offset in 0..<24 {
                let value =
                    Array(repeating: UInt8(ascii: "A"), count: offset) + inserted
                    + Array(repeating: UInt8(ascii: "B"), count: 20)
                let message =
                    Array(#"{"jsonrpc":"2.0","id":1,"method":"m","params":{"data":""#.utf8) + value
                    + Array(#""}}"#.utf8)
                let outcome = message.withUnsafeBytes { RequestScanner.scan($0) }
                let verdict =
                    switch outcome {
                    case .header(let header): header.method == "m" ? "header" : "wrong header"
                    case .invalidJSON: "invalid"
                    case .notObject: "not an object"
                    case .unsure: "unsure"
                    }
                #expect(verdict == expected, "\(inserted) at offset \(offset): \(outcome)")
            }
        }
        // The word test alone, byte by byte: each special byte in each lane of an otherwise plain word.
        for special: UInt8 in [0x22, 0x5C, 0x00, 0x1F, 0x80, 0xFF] {
            for lane in 0..<8 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 8)
                bytes[lane] = special
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(RequestScanner.Cursor.hasSpecialByte(word), "\(special) in lane \(lane)")
            }
        }
        for plain in [" !#[]~{}", "01234567", "ABCDEFGH", "abc/+=xy"] {
            let word = Array(plain.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            #expect(!RequestScanner.Cursor.hasSpecialByte(word), "\(plain)")
        }
    }

    @Test func rejectsWhatFoundationWouldTolerate() {
        for text in [#"{"jsonrpc":"2.0","id":1,"method":"a",}"#, "{\"a\":\"\u{01}\"}", #"{"a":01}"#, #"{"a":"\x"}"#] {
            #expect(Data(text.utf8).withUnsafeBytes { RequestScanner.scan($0) } == .invalidJSON, "\(text)")
        }
    }
}
