import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Speaker enrollment (`voice.prompts`, `voice.enroll`, `voice.forget`) against the real daemon, with
/// espeak-ng reading the prompts and SphinxTrain adapting the real en-us model. Enrollment adapts
/// pocketsphinx, so the daemon runs it (`--recognizer pocketsphinx`) rather than the default Moonshine.
@Suite(.enabled(if: VoiceFixtures.enrollmentAvailable, VoiceFixtures.enrollmentSkipReason))
struct VoiceEnrollTests {
    /// The first `count` prompts read by `voice` (espeak-ng) as WAV files.
    static func recordings(_ prompts: [String], _ count: Int, voice: String, in directory: URL) throws -> [VoiceEnroll
        .Recording]
    {
        try prompts.prefix(count).map {
            .init(text: $0, path: try VoiceFixtures.speech($0, in: directory, voice: voice))
        }
    }

    static func speechModel(_ client: RPCClient) throws -> String {
        try client.call(DaemonStatus.self, NoParams()).speech?.model ?? ""
    }

    @Test func enrollmentAdaptsTheRecognizerSurvivesARestartAndCanBeForgotten() throws {
        let daemon = try DaemonHarness(arguments: ["--recognizer", "pocketsphinx"]).start()
        var client = try daemon.client()
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        let prompts = try client.call(VoicePrompts.self, NoParams())
        #expect(prompts.prompts.count == 30 && prompts.minimum == 10 && prompts.maximum == 100)
        var recordings = try Self.recordings(prompts.prompts, 12, voice: "en-us+f2", in: daemon.root)
        let first = try Data(contentsOf: URL(fileURLWithPath: recordings[0].path!)).base64EncodedString()
        recordings[0] = .init(text: recordings[0].text.uppercased() + ".", data: first)

        let enrolled = try client.call(VoiceEnroll.self, .init(recordings: recordings))
        #expect(enrolled.recordings == 12 && enrolled.ignored.isEmpty, "\(enrolled)")
        #expect(enrolled.fit.after > enrolled.fit.before + 5, "\(enrolled.fit)")
        #expect(enrolled.speechSeconds > 12)
        let timings = enrolled.timingsMs
        #expect(timings.statistics > 0 && timings.map > 0 && timings.reload > 0 && timings.total >= timings.statistics)
        #expect(try Self.speechModel(client).contains("adapted to your voice (12 recordings)"))

        // The enrolled recognizer understands the voice, and the enrollment outlives the daemon.
        let command = try VoiceFixtures.speech("show all pictures", in: daemon.root, voice: "en-us+f2")
        #expect(try client.call(VoiceCommand.self, .init(path: command)).intent.name == "all")
        #expect(daemon.stop() == 0)
        try daemon.start()
        client = try daemon.client()
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        #expect(try Self.speechModel(client).contains("adapted to your voice (12 recordings)"))
        #expect(try client.call(VoiceCommand.self, .init(path: command)).intent.name == "all")

        #expect(try client.call(VoiceForget.self, NoParams()).removed)
        #expect(try !Self.speechModel(client).contains("adapted"))
        #expect(try !client.call(VoiceForget.self, NoParams()).removed)
        #expect(try client.call(VoiceCommand.self, .init(path: command)).intent.name == "all")
        let voiceDirectory = daemon.dataDirectory.appendingPathComponent("voice").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: voiceDirectory).isEmpty)
    }

    @Test func aSecondEnrollmentIsBusyAndAKilledOneLeavesTheEarlierInPlace() throws {
        let daemon = try DaemonHarness(arguments: ["--recognizer", "pocketsphinx"]).start()
        let client = try daemon.client()
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        let prompts = try client.call(VoicePrompts.self, NoParams()).prompts
        let first = try Self.recordings(prompts, 10, voice: "en-us+m3", in: daemon.root)
        #expect(try client.call(VoiceEnroll.self, .init(recordings: first)).recordings == 10)

        // A longer enrollment runs on another connection; one at the same time is refused. The probe has
        // a word the dictionary lacks: it fails at once (-32602) when no enrollment runs, so it never
        // enrolls itself, and gets -32003 while one does.
        let second = try Self.recordings(prompts, 30, voice: "en-us+m7", in: daemon.root)
        let socket = daemon.socketPath
        let outcome = ThreadOutcome()
        // The probes below hold the enrollment slot for a moment too, so this one retries when it is busy.
        let running = Thread {
            do {
                let other = try RPCClient(socketPath: socket)
                while true {
                    do {
                        let result = try other.call(VoiceEnroll.self, .init(recordings: second))
                        outcome.finish("enrolled \(result.recordings)")
                        return
                    } catch let error as RPCError where error.code == .busy {
                        usleep(10_000)
                    }
                }
            } catch {
                outcome.finish("\(error)")
            }
        }
        running.start()
        var probe = first
        probe[0].text = "the zqxw wagon"
        let deadline = Date().addingTimeInterval(120)
        var busy: RPCError?
        while busy == nil, outcome.result == nil, Date() < deadline {
            usleep(200_000)
            let error = client.expectError(VoiceEnroll.self, .init(recordings: probe))
            if error?.code == .busy { busy = error } else { #expect(error?.code == .invalidParams) }
        }
        #expect(
            busy?.message.contains("another enrollment is running") == true,
            "no busy answer; the other enrollment: \(outcome.result ?? "still running")")

        // Killed in the middle of it: after a restart the first enrollment is still the one in use, and
        // what the killed one left is gone.
        #expect(daemon.stop(signal: SIGKILL) != 0)
        try daemon.start()
        let restarted = try daemon.client()
        try VoiceFixtures.waitForSpeech(restarted, directory: daemon.root)
        #expect(try Self.speechModel(restarted).contains("adapted to your voice (10 recordings)"))
        let entries = try FileManager.default.contentsOfDirectory(
            atPath: daemon.dataDirectory.appendingPathComponent("voice").path)
        #expect(entries.sorted().first == "speaker" && entries.count == 2, "\(entries)")
    }

    @Test func unusableRecordingsGetClearErrorsAndChangeNothing() throws {
        let daemon = try DaemonHarness(arguments: ["--recognizer", "pocketsphinx"]).start()
        let client = try daemon.client()
        try VoiceFixtures.waitForSpeech(client, directory: daemon.root)
        let prompts = try client.call(VoicePrompts.self, NoParams()).prompts
        let good = try Self.recordings(prompts, 10, voice: "en-us", in: daemon.root)
        let silence = try VoiceFixtures.silence(seconds: 2, in: daemon.root)
        let text = daemon.root.appendingPathComponent("notes.txt")
        try Data("not audio at all".utf8).write(to: text)
        func replacing(_ index: Int, with recording: VoiceEnroll.Recording) -> [VoiceEnroll.Recording] {
            var recordings = good
            recordings[index] = recording
            return recordings
        }
        let cases: [([VoiceEnroll.Recording], ErrorCode, String)] = [
            (Array(good.prefix(3)), .invalidParams, "must hold 10 to 100 recordings, got 3; record more"),
            (Array(repeating: good, count: 11).flatMap { $0 }, .invalidParams, "got 110; send at most 100"),
            (
                replacing(2, with: .init(text: "the zqxw wagon", path: good[2].path)), .invalidParams,
                #"recording 3's sentence has words the pronunciation dictionary lacks ("zqxw")"#
            ),
            (replacing(4, with: .init(text: prompts[4], path: silence)), .invalidParams, "recording 5 holds no speech"),
            (replacing(5, with: .init(text: prompts[5], path: daemon.root.path)), .fileAccess, "recording 6"),
            (replacing(6, with: .init(text: prompts[6], path: text.path)), .invalidAudio, "recording 7"),
            (replacing(7, with: .init(text: prompts[7], path: "relative.wav")), .invalidParams, "recording 8"),
            (replacing(8, with: .init(text: prompts[8])), .invalidParams, "recording 9"),
        ]
        for (recordings, code, message) in cases {
            let error = client.expectError(VoiceEnroll.self, .init(recordings: recordings))
            #expect(error?.code == code && error?.message.contains(message) == true, "\(String(describing: error))")
        }
        let wrongType = try client.raw(
            #"{"jsonrpc":"2.0","id":9,"method":"voice.enroll","params":{"recordings":"all of them"}}"#)
        #expect(wrongType["error"]?["code"] == .int(-32602))
        #expect(try !Self.speechModel(client).contains("adapted"))
        #expect(
            !FileManager.default.fileExists(atPath: daemon.dataDirectory.appendingPathComponent("voice/speaker").path))
    }
}

extension VoiceFixtures {
    /// Whether the voice fixtures and SphinxTrain (which `voice.enroll` runs) are installed.
    static let enrollmentAvailable =
        available && FileManager.default.isExecutableFile(atPath: "/usr/lib/sphinxtrain/bw")

    /// Why enrollment tests are skipped.
    static let enrollmentSkipReason: Comment =
        "needs espeak-ng, sox, pocketsphinx-en-us and sphinxtrain (apt-get install espeak-ng sox pocketsphinx-en-us sphinxtrain)"
}

/// What a background call ended with, read from the test's thread.
private final class ThreadOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?

    var result: String? { lock.withLock { value } }

    func finish(_ result: String) { lock.withLock { value = result } }
}
