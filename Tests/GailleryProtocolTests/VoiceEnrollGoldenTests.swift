import Foundation
import GailleryProtocol
import Testing

/// `voice.enroll` on the wire: snake_case recordings and timings, absent optionals left out.
@Suite struct VoiceEnrollGoldenTests {
    static let result = VoiceEnroll.Result(
        recordings: 9, ignored: [7], speechSeconds: 24.6, fit: .init(before: -183.71, after: -152.94),
        timingsMs: .init(
            read: 52.1, features: 702.4, statistics: 1890.6, map: 262.3, check: 874.9, install: 21.7, reload: 311.2,
            total: 4118.5))

    @Test func recordingsUseSnakeCaseAndOmitNil() throws {
        let params = VoiceEnroll.Params(recordings: [
            .init(text: "the old wagon", path: "/v/01.wav"),
            .init(text: "a cold wind", data: "AAAA", format: "s16le", sampleRate: 8000, channels: 2),
        ])
        let expected =
            #"{"recordings":[{"path":"/v/01.wav","text":"the old wagon"},"#
            + #"{"channels":2,"data":"AAAA","format":"s16le","sample_rate":8000,"text":"a cold wind"}]}"#
        #expect(try WireGoldenTests.encode(params) == expected)
    }

    @Test func resultRoundTrips() throws {
        let expected =
            #"{"fit":{"after":-152.94,"before":-183.71},"ignored":[7],"recordings":9,"speech_seconds":24.6,"#
            + #""timings_ms":{"check":874.9,"features":702.4,"install":21.7,"map":262.3,"read":52.1,"#
            + #""reload":311.2,"statistics":1890.6,"total":4118.5}}"#
        let text = try WireGoldenTests.encode(Self.result)
        #expect(text == expected)
        #expect(try WireCoding.decoder().decode(VoiceEnroll.Result.self, from: Data(text.utf8)) == Self.result)
    }
}

extension WireSamples {
    /// `voice.record`, `voice.prompts`, `voice.enroll` and `voice.forget` params and results.
    static let enrollment: [WireSample] = [
        WireSample("VoiceRecord.Params", VoiceRecord.Params(device: "plughw:1,0", maxSeconds: 15)),
        WireSample("VoiceRecord.Params empty", VoiceRecord.Params()),
        WireSample(
            "VoiceRecord.Result",
            VoiceRecord.Result(data: "UklGRg==", seconds: 1.95, speech: .init(startMs: 420, endMs: 1650))),
        WireSample("VoiceRecord.Result no speech", VoiceRecord.Result(data: "", seconds: 15, speech: nil)),
        WireSample(
            "VoicePrompts.Result",
            VoicePrompts.Result(prompts: ["the old wagon rolled", "a cold \"wind\"\n"], minimum: 10, maximum: 100)),
        WireSample(
            "VoiceEnroll.Params",
            VoiceEnroll.Params(recordings: [
                .init(text: "the old wagon", path: "/home/ann/voice/01.wav"),
                .init(text: "a cold wind", data: "AAAA", format: "s16le", sampleRate: 16_000, channels: 1),
            ])),
        WireSample("VoiceEnroll.Params empty", VoiceEnroll.Params(recordings: [])),
        WireSample("VoiceEnroll.Result", VoiceEnrollGoldenTests.result),
        WireSample("VoiceForget.Result", VoiceForget.Result(removed: false)),
    ]
}
