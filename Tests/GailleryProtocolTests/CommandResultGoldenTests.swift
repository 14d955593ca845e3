import Foundation
import GailleryProtocol
import Testing

/// The voice and typed commands' result on the wire: snake_case, `result: null` when nothing was done.
@Suite struct CommandResultGoldenTests {
    static let none = CommandResult(
        transcript: "", intent: .init(name: "none", confidence: 0), slots: .init(), result: nil, speech: nil,
        timingsMs: .init(features: 6.1, decode: 0, total: 6.9), reason: "no speech")

    static let search = CommandResult(
        transcript: "show me photos of cats", intent: .init(name: "search", confidence: 0.97),
        slots: .init(tags: ["cat"]),
        result: CommandOutcome(message: "showing photo 1 of 2", count: 2, current: 7, position: 1, photos: [7, 3]),
        speech: .init(startMs: 220, endMs: 1710), timingsMs: .init(features: 9.8, decode: 41.2, total: 54), reason: nil)

    @Test func nothingDoneIsAnExplicitNull() throws {
        let expected =
            #"{"intent":{"confidence":0,"name":"none"},"reason":"no speech","result":null,"slots":{"tags":[]},"#
            + #""timings_ms":{"decode":0,"features":6.1,"total":6.9},"transcript":""}"#
        #expect(try WireGoldenTests.encode(Self.none) == expected)
        let wire = String(decoding: try WireEncoder().encodeData(Self.none), as: UTF8.self)
        #expect(wire.contains(#""result":null"#), "\(wire)")
    }

    @Test func aSearchCarriesTheViewAndSpeechSpan() throws {
        let expected =
            #"{"intent":{"confidence":0.97,"name":"search"},"#
            + #""result":{"count":2,"current":7,"message":"showing photo 1 of 2","#
            + #""photos":[7,3],"position":1},"slots":{"tags":["cat"]},"speech":{"end_ms":1710,"start_ms":220},"#
            + #""timings_ms":{"decode":41.2,"features":9.8,"total":54},"transcript":"show me photos of cats"}"#
        #expect(try WireGoldenTests.encode(Self.search) == expected)
    }

    @Test(arguments: [CommandResultGoldenTests.none, CommandResultGoldenTests.search])
    func roundTrips(result: CommandResult) throws {
        let data = try WireEncoder().encodeData(result)
        #expect(try WireCoding.decoder().decode(CommandResult.self, from: data) == result)
    }
}

extension WireSamples {
    /// `voice.command`, `voice.listen` and `assistant.command` params and results.
    static let commands: [WireSample] = [
        WireSample("VoiceCommand.Params path", VoiceCommand.Params(path: "/home/ann/cmd.wav", session: "kitchen")),
        WireSample(
            "VoiceCommand.Params raw",
            VoiceCommand.Params(data: "AAAA", format: "s16le", sampleRate: 16_000, channels: 2)),
        WireSample("VoiceListen.Params", VoiceListen.Params(device: "plughw:1,0", maxSeconds: 4.5, session: "s")),
        WireSample("VoiceListen.Params empty", VoiceListen.Params()),
        WireSample(
            "AssistantCommand.Params", AssistantCommand.Params(text: "show me \"pics\" of dogs\n", session: "é")),
        WireSample("CommandResult none", CommandResultGoldenTests.none),
        WireSample("CommandResult search", CommandResultGoldenTests.search),
        WireSample(
            "CommandOutcome delete",
            CommandOutcome(message: "photo 7 moved to the trash", count: 0, trashed: 7, restored: nil)),
    ]
}
