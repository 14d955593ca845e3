import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Which recognizer the real daemon runs: Moonshine by default (and its free transcript in `heard`),
/// pocketsphinx with `--recognizer pocketsphinx`, and pocketsphinx with a log line when Moonshine's model
/// is missing. Speech from two synthesizers: espeak-ng and flite.
@Suite(.enabled(if: VoiceFixtures.available && Flite.available, Flite.skipReason))
struct VoiceRecognizerTests {
    static func speechModel(_ client: RPCClient) throws -> String {
        try client.call(DaemonStatus.self, NoParams()).speech?.model ?? ""
    }

    @Test func moonshineIsTheDefaultActsOnEspeakAndFliteAndSaysWhatItHeard() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try VoiceFixtures.upload(["chelsea.png", "coffee.png"], with: client)
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        #expect(try Self.speechModel(client).hasPrefix("moonshine base-en"))

        let espeak = try client.call(
            VoiceCommand.self, .init(path: try VoiceFixtures.speech("show me photos of cats", in: daemon.root)))
        #expect(espeak.transcript == "show me photos of cats")
        #expect(espeak.intent.name == "search" && espeak.intent.confidence >= 0.5)
        #expect(espeak.slots.tags == ["cat"] && espeak.result?.current == ids[0])
        let heard = try #require(espeak.heard)
        #expect(!heard.isEmpty && heard != espeak.transcript, "\(heard)")  // as written: capitals, punctuation
        #expect(espeak.speech != nil && espeak.timingsMs.decode > 0)

        let flite = try client.call(
            VoiceCommand.self, .init(path: try Flite.speech("show all pictures", in: daemon.root)))
        #expect(flite.intent.name == "all" && flite.result?.count == 2, "\(flite)")
        #expect(flite.heard?.isEmpty == false)

        let other = try client.call(
            VoiceCommand.self, .init(path: try Flite.speech("next tuesday works for me", in: daemon.root)))
        #expect(other.intent.name == "none" && other.result == nil && other.reason != nil, "\(other)")
        #expect(other.heard?.lowercased().contains("tuesday") == true, "\(other)")
    }

    @Test func pocketsphinxRunsWhenAskedFor() throws {
        let daemon = try DaemonHarness(arguments: ["--recognizer", "pocketsphinx"]).start()
        let client = try daemon.client()
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        #expect(try Self.speechModel(client).hasPrefix("pocketsphinx en-us"))
        #expect(!(try Self.speechModel(client)).contains("Moonshine"))

        let result = try client.call(
            VoiceCommand.self, .init(path: try VoiceFixtures.speech("show all pictures", in: daemon.root)))
        #expect(result.intent.name == "all" && result.transcript == "show all pictures")
        #expect(result.heard == nil)
    }

    @Test func aMissingMoonshineModelFallsBackToPocketsphinxAndSaysWhy() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-moonshine-\(UUID())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let daemon = try DaemonHarness(arguments: ["--moonshine-model-dir", empty.path]).start()
        let client = try daemon.client()
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        let model = try Self.speechModel(client)
        #expect(model.hasPrefix("pocketsphinx en-us (Moonshine not used: "), "\(model)")
        #expect(model.contains("moonshine-base-en.json"), "\(model)")
        #expect(daemon.log.contains("Moonshine speech model not available; using pocketsphinx"), "\(daemon.log)")

        let result = try client.call(
            VoiceCommand.self, .init(path: try VoiceFixtures.speech("show all pictures", in: daemon.root)))
        #expect(result.intent.name == "all" && result.heard == nil, "\(result)")
    }
}

/// Speech from flite (Debian's flite), a synthesizer other than the voice tests' espeak-ng.
enum Flite {
    /// Whether flite is installed.
    static let available = FileManager.default.isExecutableFile(atPath: "/usr/bin/flite")
    /// Why the tests are skipped.
    static let skipReason: Comment =
        "needs espeak-ng, flite, sox and pocketsphinx-en-us (apt-get install espeak-ng flite sox pocketsphinx-en-us)"

    /// `text` spoken by flite's `voice` as a 16 kHz mono WAV in `directory`; returns its path.
    static func speech(_ text: String, voice: String = "slt", in directory: URL) throws -> String {
        let base = directory.appendingPathComponent("flite-\(UUID().uuidString.prefix(8))").path
        try VoiceFixtures.run(
            #"flite -voice "$1" -t "$2" -o "$3.raw.wav" && sox -V1 "$3.raw.wav" -r 16000 -c 1 -b 16 "$3.wav""#,
            [voice, text, base])
        return base + ".wav"
    }
}
