import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// `voice.listen` through the real ALSA capture path: gailleryd's hidden `--capture-config` flag opens
/// a file-backed PCM (ALSA's `file` plugin over a `null` PCM, `snd_pcm_open_lconf`) that replays speech.
@Suite(.enabled(if: VoiceFixtures.available, VoiceFixtures.skipReason))
struct VoiceListenTests {
    /// An ALSA configuration defining `pcm.mic`, which plays back headerless 16 kHz mono s16le `input`.
    static func microphone(replaying input: String, in directory: URL) throws -> [String] {
        let text = """
            pcm.mic {
                type file
                slave.pcm { type null }
                file "/dev/null"
                infile "\(input)"
                format raw
            }
            """
        let path = try Fixtures.write(Array(text.utf8), to: directory, name: "mic.conf")
        return ["--capture-config", path, "--capture-pcm", "mic"]
    }

    @Test func listenRecordsACommandFromTheMicrophone() throws {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gaillery-mic-\(getpid())-1")
        let raw = try VoiceFixtures.rawSpeech("show me photos of cats", in: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let daemon = try DaemonHarness(arguments: try Self.microphone(replaying: raw, in: scratch)).start()
        let client = try daemon.client()
        let cat = try VoiceFixtures.upload(["chelsea.png"], with: client)[0]
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)

        let heard = try client.call(VoiceListen.self, .init(maxSeconds: 5))
        #expect(heard.intent.name == "search" && heard.slots.tags == ["cat"], "\(heard)")
        #expect(heard.result?.current == cat)
        #expect(heard.speech != nil)

        let missing = try #require(client.expectError(VoiceListen.self, .init(device: "gaillery_no_such_pcm")))
        #expect(missing.code == .unavailable)
        #expect(missing.message.contains("no capture device 'gaillery_no_such_pcm'"), "\(missing.message)")
        #expect(client.expectError(VoiceListen.self, .init(maxSeconds: 31))?.code == .invalidParams)
        #expect(client.expectError(VoiceListen.self, .init(maxSeconds: 0))?.code == .invalidParams)
    }

    @Test func recordReturnsTheUtteranceAsAWAVWithoutActingOnIt() throws {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gaillery-mic-\(getpid())-3")
        let raw = try VoiceFixtures.rawSpeech("show me photos of cats", in: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let daemon = try DaemonHarness(arguments: try Self.microphone(replaying: raw, in: scratch)).start()
        let client = try daemon.client()
        _ = try VoiceFixtures.upload(["chelsea.png"], with: client)
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)

        let recorded = try client.call(VoiceRecord.self, .init(maxSeconds: 5))
        let speech = try #require(recorded.speech, "\(recorded.seconds) s, no speech")
        #expect(speech.endMs > speech.startMs && Double(speech.endMs) <= recorded.seconds * 1000 + 10)
        let wav = try #require(Data(base64Encoded: recorded.data))
        #expect(wav.count == 44 + Int((recorded.seconds * 16_000).rounded()) * 2)
        #expect(String(decoding: wav.prefix(4), as: UTF8.self) == "RIFF")
        // Nothing was acted on: no session moved. The recording itself is the command, intact.
        #expect(try client.call(AssistantCommand.self, .init(text: "next photo")).result?.current == nil)
        let heard = try client.call(VoiceCommand.self, .init(data: recorded.data))
        #expect(heard.intent.name == "search" && heard.slots.tags == ["cat"], "\(heard)")

        #expect(client.expectError(VoiceRecord.self, .init(maxSeconds: 0))?.code == .invalidParams)
        #expect(client.expectError(VoiceRecord.self, .init(device: ""))?.code == .invalidParams)
        #expect(client.expectError(VoiceRecord.self, .init(device: "gaillery_no_such_pcm"))?.code == .unavailable)
    }

    /// The microphone replays a FIFO: the first capture blocks (in ALSA's open of the FIFO) until the
    /// test writes speech into it, so a second request is certain to arrive while it records.
    @Test func aSecondListenWhileOneRecordsIsBusy() throws {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gaillery-mic-\(getpid())-2")
        let raw = try VoiceFixtures.rawSpeech("show all photos", in: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fifo = scratch.appendingPathComponent("mic.fifo").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let daemon = try DaemonHarness(arguments: try Self.microphone(replaying: fifo, in: scratch)).start()
        try VoiceFixtures.waitForSpeech(try daemon.client(), directory: daemon.root)

        // Two clients ask at once; whichever the daemon takes first records, the other must be refused.
        let outcomes = Outcomes()
        let done = DispatchSemaphore(value: 0)
        let socket = daemon.socketPath
        for _ in 0..<2 {
            Thread.detachNewThread {
                outcomes.append(
                    Result { try RPCClient(socketPath: socket).call(VoiceListen.self, .init(maxSeconds: 10)) })
                done.signal()
            }
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        let first = try #require(outcomes.all.first)
        guard case .failure(let error as RPCError) = first else {
            Issue.record("expected busy first, got \(first)")
            return
        }
        #expect(error.code == .busy && error.message.contains("already recording"), "\(error)")

        let writer = try #require(FileHandle(forWritingAtPath: fifo))  // unblocks the recording's open
        writer.write(try Data(contentsOf: URL(fileURLWithPath: raw)))
        try writer.close()
        #expect(done.wait(timeout: .now() + 30) == .success)
        let second = try #require(outcomes.all.count == 2 ? outcomes.all[1] : nil)
        let heard = try second.get()
        #expect(heard.intent.name == "all", "\(heard)")
    }
}

/// Results gathered from several threads, in the order they arrived.
private final class Outcomes: @unchecked Sendable {
    // @unchecked: `results` is only touched with `lock` held.
    private let lock = NSLock()
    private var results: [Result<CommandResult, any Error>] = []

    func append(_ result: Result<CommandResult, any Error>) { lock.withLock { results.append(result) } }

    var all: [Result<CommandResult, any Error>] { lock.withLock { results } }
}
