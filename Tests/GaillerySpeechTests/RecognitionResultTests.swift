import Foundation
import GailleryCore
import Testing

@testable import GaillerySpeech

/// The Rhasspy-like JSON shape of a recognition result.
@Suite struct RecognitionResultTests {
    @Test func encodesWithSnakeCaseKeysAndNoEvidence() throws {
        let result = RecognitionResult(
            transcript: "show me photos of dogs",
            intent: .init(name: .search, confidence: 0.9),
            slots: IntentSlots(tags: [try TagName("dog")]),
            speech: .init(startMs: 250, endMs: 1800),
            timings: .init(features: 2.5, decode: 40, total: 43),
            reason: nil,
            evidence: nil
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(result), as: UTF8.self)
        #expect(
            json == #"{"intent":{"confidence":0.9,"name":"search"},"slots":{"tags":["dog"]},"#
                + #""speech":{"end_ms":1800,"start_ms":250},"timings_ms":{"decode":40,"features":2.5,"total":43},"#
                + #""transcript":"show me photos of dogs"}"#
        )
        #expect(try JSONDecoder().decode(RecognitionResult.self, from: Data(json.utf8)) == result)
        #expect(result.parsed == ParsedIntent(.search, tags: [try TagName("dog")]))
    }
}
