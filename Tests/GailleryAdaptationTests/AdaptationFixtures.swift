import Foundation
import GailleryAudio
import GaillerySpeech
import GailleryTestSupport
import Testing

@testable import GailleryAdaptation

/// Enrollment recordings for tests, spoken by espeak-ng at test time, and a temporary directory that
/// removes itself.
enum AdaptationFixtures {
    /// Whether the en-us model, SphinxTrain, espeak-ng and sox are installed.
    static let available =
        (try? SpeechModel.debianEnUS.check()) != nil && (try? SphinxTrainTools.debian.check()) != nil
        && (try? Shell.run("command -v espeak-ng && command -v sox")) != nil

    /// Why adaptation tests are skipped.
    static let skipReason = Comment(
        rawValue: "needs pocketsphinx-en-us, sphinxtrain, espeak-ng and sox "
            + "(apt-get install pocketsphinx-en-us sphinxtrain espeak-ng sox)")

    /// `text` spoken by espeak-ng in `voice` at 160 words/min, 16 kHz mono, 0.3 s of silence around it.
    static func speech(_ text: String, voice: String, in directory: URL) throws -> PCMAudio {
        let path = directory.appendingPathComponent("clip-\(UUID().uuidString.prefix(8)).wav").path
        try Shell.run(Espeak.script, Espeak.arguments(text, voice: voice, speed: 160, path: path))
        return try WAVReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The first `count` prompts read by `voice`.
    static func recordings(_ count: Int, voice: String, in directory: URL) throws -> [EnrollmentRecording] {
        try EnrollmentPrompts.sentences.prefix(count).map { sentence in
            EnrollmentRecording(audio: try speech(sentence, voice: voice, in: directory), text: sentence)
        }
    }
}

/// A fresh directory under the temporary directory, removed with its contents when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gaillery-adapt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
