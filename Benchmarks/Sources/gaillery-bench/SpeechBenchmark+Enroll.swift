import Foundation
import GailleryAdaptation
import GailleryAudio
import GaillerySpeech
import GailleryTestSupport

/// `gaillery-bench speech --enroll`: every voice of the set enrolls first (`SpeakerAdapter`, the code
/// behind `voice.enroll`) from the 30 enrollment prompts (or the first N, `--enroll-prompts N`), which
/// share no tag or command word with the commands, read clean at 160 words/min; each command is then
/// recognized by its voice's enrolled recognizer and by the unenrolled one, interleaved.
extension SpeechBenchmark {
    /// One voice's enrollment: its recognizer and what the adaptation reported.
    struct Enrolled {
        var pool: RecognizerPool
        var report: AdaptationReport
    }

    /// Synthesizes the prompts for every voice of `clips` (kept in `directory/enroll/VOICE`), adapts a
    /// model per voice and loads a recognizer with it; prints one line per voice.
    static func enrollVoices(of clips: [Clip], in directory: URL, prompts: Int) throws -> [String: Enrolled] {
        let voices = Set(clips.map(\.voice).filter { !$0.isEmpty }).sorted()
        print("speech: enrolling \(voices.count) voices with \(prompts) prompts each ...")
        print(
            "\n| voice | recordings | speech s | fit before → after | features ms | statistics ms | MAP ms | check ms | total ms |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        var enrolled: [String: Enrolled] = [:]
        for voice in voices {
            let folder = directory.appendingPathComponent("enroll/\(voice)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var recordings: [EnrollmentRecording] = []
            for (index, sentence) in EnrollmentPrompts.sentences.prefix(prompts).enumerated() {
                let path = folder.appendingPathComponent(String(format: "%02d.wav", index + 1)).path
                if !FileManager.default.fileExists(atPath: path) {
                    try shell(Espeak.script, Espeak.arguments(sentence, voice: voice, speed: 160, path: path))
                }
                let audio = try WAVReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                recordings.append(EnrollmentRecording(audio: audio, text: sentence))
            }
            let report = try SpeakerAdapter(base: .debianEnUS).adapt(
                recordings, into: SpeakerModelDirectory(directory: folder))
            let pool = try RecognizerPool(size: 1, vocabulary: vocabulary, configuration: .enrolled(report.model))
            try pool.prepareAll()
            enrolled[voice] = Enrolled(pool: pool, report: report)
            let t = report.timings
            print(
                "| \(voice) | \(report.profile.recordings) | \(format(report.profile.speechSeconds, 1)) | "
                    + "\(format(report.profile.fitBefore, 1)) → \(format(report.profile.fitAfter, 1)) | "
                    + [t.features, t.statistics, t.map, t.check, t.total]
                    .map { format($0, 0) }.joined(separator: " | ") + " |")
        }
        return enrolled
    }
}
