// moonshine-eval: runs MoonshineRecognizer over a generated speech set and writes one JSON line of evidence
// per clip, for Benchmarks/moonshine/fit.py (thresholds fitted with each synthesizer held out), plus the
// latency of 2-3 s commands and the process's peak RSS.
//
// Usage: moonshine-eval CLIPS_DIR OUT.jsonl [--beam N] [--free-beam N] [--threads N]
//        (CLIPS_DIR from Benchmarks/moonshine/make_speech_set.py; models from `make models`)
import Foundation
import GailleryAudio
import GailleryClassifier
import GailleryCore
import GaillerySpeech
import GailleryTestSupport

struct Clip: Decodable {
    var file: String
    var synth: String
    var voice: String
    var kind: String
    var text: String
}

struct Line: Encodable {
    var file, synth, voice, kind, text, transcript, heard, intent: String
    /// The intent and tags of the best allowed sentence (before rejection) and of the sentence spoken.
    var understood, expected: String
    var freeScore: Double
    var grammarScore: Double?
    var heardWords, transcriptWords, steps: Int
    var seconds, encoderMs, decoderMs: Double
}

/// "search dog,cat": an intent and its tags, to compare what was understood with what was said.
func describe(_ parsed: ParsedIntent) -> String {
    ([parsed.intent.rawValue] + [parsed.tags.map(\.rawValue).joined(separator: ",")]).joined(separator: " ")
}

func option(_ name: String, default value: Int) -> Int {
    guard let index = CommandLine.arguments.firstIndex(of: name), index + 1 < CommandLine.arguments.count else {
        return value
    }
    return Int(CommandLine.arguments[index + 1]) ?? value
}

func peakRSS() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    return status.split(separator: "\n").filter { $0.hasPrefix("VmHWM") || $0.hasPrefix("VmRSS") }
        .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.joined(separator: ", ")
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(
        Data("usage: moonshine-eval CLIPS_DIR OUT.jsonl [--beam N] [--free-beam N] [--threads N]\n".utf8))
    exit(2)
}
let directory = URL(fileURLWithPath: arguments[1])
let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models")
var settings = MoonshineRecognizer.Settings()
settings.beamWidth = option("--beam", default: settings.beamWidth)
settings.threads = option("--threads", default: settings.threads)
settings.freeBeamWidth = option("--free-beam", default: settings.freeBeamWidth)
let runtime = try OnnxRuntime.load(searchPaths: OnnxRuntime.searchPaths(modelsDirectory: models))
let recognizer = try MoonshineRecognizer(runtime: runtime, modelsDirectory: models, settings: settings)
let grammar = MoonshineGrammar(vocabulary: SpeechVocabulary.phrases)
print("loaded: \(peakRSS())")
let clips = try JSONDecoder().decode(
    [Clip].self, from: Data(contentsOf: directory.appendingPathComponent("clips.json")))
let encoder = JSONEncoder()
encoder.outputFormatting = .sortedKeys
var output = ""
var latencies: [Double] = []
for clip in clips {
    let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(clip.file)))
    let audio = try WAVReader.read(bytes, limits: .voiceCommand)
    let result = try recognizer.recognize(samples: audio.samples, grammar: grammar)
    let seconds = Double(audio.samples.count) / 16_000
    if clip.kind == "command", (2...3).contains(seconds) {
        latencies.append(result.timings.encoder + result.timings.decoder)
    }
    let line = Line(
        file: clip.file, synth: clip.synth, voice: clip.voice, kind: clip.kind, text: clip.text,
        transcript: result.transcript, heard: result.heard, intent: result.intent.intent.rawValue,
        understood: describe(grammar.parse(result.transcript)), expected: describe(grammar.parse(clip.text)),
        freeScore: result.evidence.freeScore, grammarScore: result.evidence.grammarScore,
        heardWords: result.evidence.heardWords, transcriptWords: result.evidence.transcriptWords,
        steps: result.evidence.steps, seconds: seconds, encoderMs: result.timings.encoder,
        decoderMs: result.timings.decoder)
    output += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
}
try output.write(toFile: arguments[2], atomically: true, encoding: .utf8)
latencies.sort()
if !latencies.isEmpty {
    let median = latencies[latencies.count / 2]
    let p90 = latencies[min(latencies.count - 1, latencies.count * 9 / 10)]
    print(
        String(
            format: "2-3 s commands: %d clips, encoder+decode median %.0f ms, p90 %.0f ms", latencies.count, median, p90
        ))
}
print("after \(clips.count) clips: \(peakRSS())")
