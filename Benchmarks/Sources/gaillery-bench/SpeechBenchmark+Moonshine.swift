import Foundation
import GailleryAudio
import GailleryClassifier
import GailleryCore
import GaillerySpeech
import GailleryTestSupport

/// `gaillery-bench speech --set DIR [--margins SYNTH=M,...] [--verbose]`: both recognizers the daemon can
/// run, side by side on the same clips, on a set from `Benchmarks/moonshine/make_speech_set.py` (several
/// synthesizers, commands, commands plus extra words, out-of-grammar speech, noise). Each clip goes to
/// pocketsphinx's `RecognizerPool` and Moonshine's `MoonshinePool` exactly as the daemon's queue hands it
/// over (our endpointer first, for both), interleaved and alternating which goes first.
///
/// Moonshine's default rejection was fitted on every synthesizer of the set, so each synthesizer's figures
/// re-decide its clips with the margin fitted with that synthesizer held out (`--margins`, from
/// `Benchmarks/moonshine/fit.py`); "as shipped" is the default's own figure, on data it was fitted on.
extension SpeechBenchmark {
    /// One clip of the set's `clips.json`.
    struct SetClip: Decodable {
        var file: String
        var synth: String
        var voice: String
        var kind: String
        var text: String
    }

    /// One recognizer's tallies for one synthesizer.
    struct Tally {
        var commands = 0
        var right = 0
        var wrong = 0
        var extra = 0
        var extraActed = 0
        var oog = 0
        var oogActed = 0
        var noise = 0
        var noiseActed = 0
        var latencies: [Double] = []

        /// Counts `clip`, on which the recognizer `acted` (none: did nothing) in `ms`, against `expected`.
        mutating func add(_ clip: SetClip, acted: ParsedIntent, expected: ParsedIntent, ms: Double) {
            let didAct = acted.intent != .none
            switch clip.kind {
            case "command":
                commands += 1
                latencies.append(ms)
                if didAct, acted.intent == expected.intent, Set(acted.tags) == Set(expected.tags) {
                    right += 1
                } else if didAct {
                    wrong += 1
                }
            case "extra":
                extra += 1
                if didAct { extraActed += 1 }
            case "oog":
                oog += 1
                if didAct { oogActed += 1 }
            default:
                noise += 1
                if didAct { noiseActed += 1 }
            }
        }
    }

    /// Runs both recognizers over the set in `directory` and prints the table.
    ///
    /// - Throws: `BenchError` when the set or the Moonshine model is missing; recognizer errors.
    static func runSideBySide(directory: URL, margins: [String: Double], verbose: Bool) throws {
        let clips = try JSONDecoder().decode(
            [SetClip].self, from: Data(contentsOf: directory.appendingPathComponent("clips.json")))
        let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models")
        let runtime = try OnnxRuntime.load(searchPaths: OnnxRuntime.searchPaths(modelsDirectory: models))
        let moonshine = try MoonshinePool(runtime: runtime, modelsDirectory: models, size: 1)
        _ = try moonshine.updateVocabulary(vocabulary)
        let pocketsphinx = try RecognizerPool(size: 1, vocabulary: vocabulary)
        try pocketsphinx.prepareAll()
        let parser = IntentParser(phrases: pocketsphinx.currentGrammar.phrases)
        let grammar = moonshine.currentGrammar
        print("speech: \(clips.count) clips from \(directory.path); both recognizers, one thread each")
        var sphinx: [String: Tally] = [:]
        var shipped: [String: Tally] = [:]
        var heldOut: [String: Tally] = [:]
        var misses: [String] = []
        for (index, clip) in clips.enumerated() {
            let audio = try WAVReader.read(Array(try Data(contentsOf: directory.appendingPathComponent(clip.file))))
            let expected = parser.parse(text: clip.text)
            func runSphinx() throws {
                let started = ContinuousClock.now
                let result = try pocketsphinx.recognize(audio)
                sphinx[clip.synth, default: Tally()].add(
                    clip, acted: result.parsed, expected: expected, ms: milliseconds(ContinuousClock.now - started))
            }
            func runMoonshine() throws {
                let started = ContinuousClock.now
                let (result, recognition) = try moonshine.recognizeWithEvidence(audio)
                let ms = milliseconds(ContinuousClock.now - started)
                // Judged with its own grammar's phrases (pocketsphinx's leaves out words its dictionary lacks).
                let expected = grammar.parse(clip.text)
                shipped[clip.synth, default: Tally()].add(clip, acted: result.parsed, expected: expected, ms: ms)
                var rejection = MoonshineRejection.default
                rejection.maxMargin = margins[clip.synth] ?? rejection.maxMargin
                var decided = ParsedIntent.none(result.reason ?? "no speech")
                if let recognition, rejection.reason(recognition.evidence, heard: recognition.heard) == nil {
                    decided = grammar.parse(recognition.transcript)
                }
                heldOut[clip.synth, default: Tally()].add(clip, acted: decided, expected: expected, ms: ms)
                if verbose, decided.intent != expected.intent || Set(decided.tags) != Set(expected.tags) {
                    misses.append(
                        "  \(clip.file) (\(clip.kind)): \"\(clip.text)\" → \(decided.intent) \"\(result.transcript)\" "
                            + "heard \"\(result.heard ?? "")\" margin \(recognition.map { format($0.evidence.margin, 2) } ?? "-")"
                    )
                }
            }
            if index % 2 == 0 {
                try runSphinx()
                try runMoonshine()
            } else {
                try runMoonshine()
                try runSphinx()
            }
        }
        printSideBySide(sphinx: sphinx, shipped: shipped, heldOut: heldOut, margins: margins)
        for line in misses { print(line) }
    }

    private static func printSideBySide(
        sphinx: [String: Tally], shipped: [String: Tally], heldOut: [String: Tally], margins: [String: Double]
    ) {
        func row(_ cells: [String]) { print("| " + cells.joined(separator: " | ") + " |") }
        row([
            "synthesizer", "recognizer", "commands right", "commands acted on wrongly", "extra words acted on",
            "out-of-grammar acted on", "noise acted on", "ms median / p90",
        ])
        row(Array(repeating: "---", count: 8))
        func cells(_ synth: String, _ name: String, _ tally: Tally) -> [String] {
            [
                synth, name, "\(percent(tally.right, tally.commands)) of \(tally.commands)",
                "\(tally.wrong)",
                "\(tally.extraActed)/\(tally.extra)", "\(tally.oogActed)/\(tally.oog)",
                "\(tally.noiseActed)/\(tally.noise)", stats(tally.latencies, 0),
            ]
        }
        for synth in sphinx.keys.sorted() {
            row(cells(synth, "pocketsphinx", sphinx[synth]!))
            let margin = margins[synth].map { format($0, 2) } ?? "default"
            row(cells(synth, "Moonshine (held out, maxMargin \(margin))", heldOut[synth]!))
            row(cells(synth, "Moonshine as shipped (fitted on it)", shipped[synth]!))
        }
        let all = { (tallies: [String: Tally]) in
            tallies.values.reduce(into: Tally()) { total, tally in
                total.commands += tally.commands; total.right += tally.right; total.wrong += tally.wrong
                total.extra += tally.extra; total.extraActed += tally.extraActed; total.oog += tally.oog
                total.oogActed += tally.oogActed; total.noise += tally.noise; total.noiseActed += tally.noiseActed
                total.latencies += tally.latencies
            }
        }
        row(cells("all", "pocketsphinx", all(sphinx)))
        row(cells("all", "Moonshine (each held out)", all(heldOut)))
    }

    /// "espeak-ng=8,festival=8,flite=11.25" as a dictionary.
    static func parseMargins(_ text: String) throws -> [String: Double] {
        var margins: [String: Double] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw BenchError("speech: --margins wants SYNTH=VALUE,... (e.g. espeak-ng=8,flite=11.25), got \(text)")
            }
            margins[String(parts[0])] = value
        }
        return margins
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
