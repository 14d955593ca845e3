import Foundation
import GailleryProtocol
import GailleryRPC
import Testing
import GailleryTestSupport

/// Audio for the voice tests, generated at test time with espeak-ng and sox (Debian packages espeak-ng
/// and sox): spoken commands as 16 kHz mono WAV or raw s16le, noise and silence. Tests that need them
/// are disabled with a message when the tools or the pocketsphinx en-us model are missing.
enum VoiceFixtures {
    /// Whether espeak-ng, sox and the pocketsphinx en-us model are installed.
    static let available =
        FileManager.default.fileExists(atPath: "/usr/share/pocketsphinx/model/en-us/en-us/mdef")
        && (try? run("command -v espeak-ng && command -v sox", [])) != nil

    /// Why voice tests are skipped.
    static let skipReason: Comment =
        "needs espeak-ng, sox and pocketsphinx-en-us (apt-get install espeak-ng sox pocketsphinx-en-us)"

    /// The skimage photographs (Debian's python3-skimage), uploaded by the tests.
    static let photos = "/usr/lib/python3/dist-packages/skimage/data"

    /// `text` spoken by espeak-ng (US English, 160 words/min) as a 16 kHz mono 16-bit WAV with 0.3 s of
    /// silence around it, in `directory`; returns its path.
    static func speech(_ text: String, in directory: URL, voice: String = "en-us", speed: Int = 160) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("speech-\(UUID().uuidString.prefix(8)).wav").path
        try run(Espeak.script, Espeak.arguments(text, voice: voice, speed: speed, path: path))
        return path
    }

    /// The same speech as headerless s16le (16 kHz mono), for raw uploads and the file-backed microphone.
    static func rawSpeech(_ text: String, in directory: URL) throws -> String {
        let wav = try speech(text, in: directory)
        let raw = wav.replacingOccurrences(of: ".wav", with: ".raw")
        try run(#"sox -R -V1 "$1" -t raw -e signed -b 16 -c 1 -r 16000 "$2""#, [wav, raw])
        return raw
    }

    /// `seconds` of repeatable white noise (sox `-R`) at `volume` of full scale, 16 kHz mono WAV.
    static func noise(seconds: Double, volume: Double = 0.3, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("noise-\(UUID().uuidString.prefix(8)).wav").path
        try run(
            #"sox -R -V1 -n -r 16000 -c 1 -b 16 "$1" synth "$2" whitenoise vol "$3""#,
            [path, "\(seconds)", "\(volume)"])
        return path
    }

    /// `seconds` of digital silence, 16 kHz mono WAV.
    static func silence(seconds: Double, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("silence-\(UUID().uuidString.prefix(8)).wav").path
        try run(#"sox -R -V1 -n -r 16000 -c 1 -b 16 "$1" trim 0 "$2""#, [path, "\(seconds)"])
        return path
    }

    /// Uploads the skimage photos named (e.g. "chelsea.png") and waits until they are classified.
    static func upload(_ names: [String], with client: RPCClient) throws -> [Int64] {
        for name in names {
            try #require(FileManager.default.fileExists(atPath: photos + "/" + name), "python3-skimage is missing")
        }
        let ids = try names.map { try client.call(PhotosUpload.self, .init(path: photos + "/" + $0)).id }
        let waited = try client.call(PhotosWait.self, .init(ids: ids, timeoutMs: 120_000))
        try #require(waited.photos.allSatisfy { $0.status == "done" }, "\(waited)")
        return ids
    }

    /// Waits until the daemon's speech recognizer has loaded (voice methods answer "unavailable" with
    /// a retry hint while it loads); fails after `timeout` seconds.
    static func waitForSpeech(_ client: RPCClient, directory: URL, timeout: Double = 60) throws {
        let silence = try silence(seconds: 0.5, in: directory)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            do {
                _ = try client.call(VoiceCommand.self, .init(path: silence))
                return
            } catch let error as RPCError where error.code == .unavailable && error.data?["retry_after_ms"] != nil {
                guard Date() < deadline else { throw error }
                usleep(100_000)
            }
        }
    }

    /// Runs `script` with bash, `arguments` as $1, $2, ...; throws `HarnessError` when it fails.
    static func run(_ script: String, _ arguments: [String]) throws {
        do { try Shell.run(script, arguments) } catch { throw HarnessError("\(error)") }
    }
}
