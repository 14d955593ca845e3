import Foundation
import GailleryAdaptation
import GailleryAudio
import GailleryCore
import GaillerySpeech
import GailleryTestSupport

/// `gaillery-bench speech --set DIR`: pocketsphinx and Moonshine side by side on a several-synthesizer set
/// (`SpeechBenchmark+Moonshine.swift`).
///
/// `gaillery-bench speech [--commands N] [--dir DIR] [--seed S] [--verbose]`: voice commands generated with espeak-ng and sox,
/// recognised by our `Recognizer`, by the same recognizer with pocketsphinx computing the senone scores
/// (as before `SenoneScorer`; interleaved clip by clip) and by `pocketsphinx_continuous -infile`
/// with the same JSGF grammar. Reports features/decode/total ms, CPU ms and real-time factor (median,
/// p90), whether both recognizers agree, accuracy (intent and tags right) per condition, and the share
/// of out-of-grammar and noise clips acted on.
///
/// The clip set is seeded (`--seed`, default 4; another seed gives other commands and conditions for
/// checking a change on clips it was not tuned on): commands for every intent in nine US English espeak-ng voices at
/// 140–190 words/min, clean or with white noise at 30 or 20 dB SNR (the target set); the same commands
/// in British and Caribbean voices and at 15 and 10 dB (the stress set); out-of-grammar sentences;
/// noise and silence. Each clip is padded with silence to at least 2 s. `--dir` keeps the clips and a
/// `manifest.tsv`; a directory that already has one is reused as it is. `--verbose` lists every miss.
enum SpeechBenchmark {
    /// Runs the benchmark and prints the tables.
    ///
    /// - Throws: `BenchError` when espeak-ng or sox fail or an option is unknown; recognizer errors.
    static func run(arguments: [String]) throws {
        var count = 150
        var directory: URL?
        var verbose = false
        var enroll = false
        var dump: String?
        var prompts = EnrollmentPrompts.sentences.count
        var seed: UInt64 = 4
        var set: URL?
        // Fitted with each synthesizer held out (Benchmarks/moonshine/fit.py, Benchmarks/README.md).
        var margins = ["espeak-ng": 8.0, "festival": 8.0, "flite": 11.25]
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--commands": count = Int(arguments[safe: index + 1] ?? "") ?? count
            case "--dir": directory = arguments[safe: index + 1].map { URL(fileURLWithPath: $0) }
            case "--seed": seed = UInt64(arguments[safe: index + 1] ?? "") ?? seed
            case "--verbose": verbose = true
            case "--set": set = arguments[safe: index + 1].map { URL(fileURLWithPath: $0) }
            case "--margins": margins = try parseMargins(arguments[safe: index + 1] ?? "")
            case "--dump": dump = arguments[safe: index + 1]
            case "--enroll": enroll = true
            case "--enroll-prompts":
                enroll = true
                prompts = Int(arguments[safe: index + 1] ?? "") ?? prompts
            default:
                throw BenchError(
                    "speech: unknown option \(arguments[index]); use --commands N, --dir DIR, --seed S, --enroll, "
                        + "--enroll-prompts N, --dump FILE, --verbose, or --set DIR [--margins SYNTH=M,...]")
            }
            index += ["--verbose", "--enroll"].contains(arguments[index]) ? 1 : 2
        }
        if let set { return try runSideBySide(directory: set, margins: margins, verbose: verbose) }
        let dir = try directory ?? temporaryDirectory("speech")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let manifest = dir.appendingPathComponent("manifest.tsv")
        let clips: [Clip]
        if let text = try? String(contentsOf: manifest, encoding: .utf8) {
            clips = text.split(separator: "\n").map { Clip(line: String($0)) }
            print("speech: \(clips.count) clips from \(manifest.path)")
        } else {
            clips = makeSet(commands: count, seed: seed)
            print("speech: generating \(clips.count) clips in \(dir.path) with espeak-ng and sox ...")
            for clip in clips { try synthesize(clip, in: dir) }
            try clips.map(\.line).joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        }
        let pool = try RecognizerPool(size: 1, vocabulary: vocabulary)
        // The baseline: with --enroll, the same recognizer without enrollment; otherwise the same
        // recognizer with pocketsphinx computing the senone scores inside the grammar search (as before
        // SenoneScorer), which must decide every clip the same way.
        var before = RecognizerConfiguration()
        if !enroll { before.ownAcousticScoring = false }
        let baseline = try RecognizerPool(size: 1, vocabulary: vocabulary, configuration: before)
        let enrolled = enroll ? try enrollVoices(of: clips, in: dir, prompts: prompts) : [:]
        // A clip's recognizer: its voice's enrolled one with --enroll (noise and silence: the first voice's).
        func recognizer(_ clip: Clip) -> RecognizerPool {
            guard enroll else { return pool }
            return (enrolled[clip.voice] ?? enrolled.sorted { $0.key < $1.key }.first?.value)?.pool ?? pool
        }
        let grammarPath = dir.appendingPathComponent("grammar.gram").path
        try pool.currentGrammar.jsgf.write(toFile: grammarPath, atomically: true, encoding: .utf8)
        try pool.prepareAll()
        try baseline.prepareAll()
        var ours: [String: Measured] = [:]
        var baselineRuns: [String: Measured] = [:]
        var durations: [String: Double] = [:]
        for (index, clip) in clips.enumerated() {
            let audio = try WAVReader.read(Array(try Data(contentsOf: dir.appendingPathComponent(clip.name))))
            durations[clip.name] = audio.duration * 1000
            // A/B interleaved, alternating which goes first, so that load from other processes hits both.
            if index % 2 == 0 {
                ours[clip.name] = try Measured(recognizer(clip), audio)
                baselineRuns[clip.name] = try Measured(baseline, audio)
            } else {
                baselineRuns[clip.name] = try Measured(baseline, audio)
                ours[clip.name] = try Measured(recognizer(clip), audio)
            }
            // Noise and silence must not set off any enrolled recognizer.
            if enroll, clip.set == "noise" {
                for (_, other) in enrolled.sorted(by: { $0.key < $1.key }) {
                    let result = try other.pool.recognize(audio)
                    if result.intent.name != .none {
                        ours[clip.name] = Measured(result: result, cpu: .nan, callerCPU: .nan)
                    }
                }
            }
        }
        let parser = IntentParser(phrases: pool.currentGrammar.phrases)
        var theirs: [String: (ParsedIntent, Double, Double)] = [:]
        for clip in clips where clip.set != "noise" {
            theirs[clip.name] = try pocketsphinx(
                dir.appendingPathComponent(clip.name).path, grammar: grammarPath, parser)
        }
        report(clips, ours: ours, baselineRuns: baselineRuns, theirs: theirs, durations: durations, enrolled: enroll)
        if let dump {
            try evidenceTable(clips, ours: ours.mapValues(\.result), parser: parser)
                .write(toFile: dump, atomically: true, encoding: .utf8)
        }
        if verbose {
            for clip in clips where clip.set != "noise" {
                guard let result = ours[clip.name]?.result,
                    result.intent.name != clip.intent
                        || Set(result.slots.tags.map(\.rawValue)) != Set(clip.tags)
                else { continue }
                print(
                    "  \(clip.name) \(clip.voice) \(clip.speed) \(clip.snr.map { "\(Int($0)) dB" } ?? "clean"): "
                        + "\"\(clip.text)\" → \(result.intent.name) \"\(result.transcript)\"")
            }
        }
    }

    /// The clip set for `seed`: `commands` target commands, a third as many stress commands, the
    /// out-of-grammar sentences, six noise clips and two silent ones.
    static func makeSet(commands: Int, seed: UInt64) -> [Clip] {
        var random = SplitMix64(seed: seed)
        var clips: [Clip] = []
        for index in 0..<(commands + commands / 3) {
            let (text, intent, tags) = command(&random)
            let stress = index >= commands
            let voices = stress && index % 2 == 0 ? stressVoices : targetVoices
            let snrs: [Double?] = stress && index % 2 == 1 ? [15, 10] : [nil, 30, 20]
            clips.append(
                Clip(
                    name: String(format: "cmd%04d.wav", index), set: stress ? "stress" : "target", text: text,
                    intent: intent, tags: tags, voice: random.pick(voices),
                    speed: random.pick([140, 150, 160, 170, 180, 190]),
                    snr: random.pick(snrs)))
        }
        for (index, text) in outOfGrammar.enumerated() {
            clips.append(
                Clip(
                    name: String(format: "oog%04d.wav", index), set: "oog", text: text, intent: .none, tags: [],
                    voice: random.pick(targetVoices), speed: random.pick([150, 160, 170]), snr: random.pick([nil, 30])))
        }
        for index in 0..<8 {
            clips.append(
                Clip(
                    name: String(format: "noise%04d.wav", index), set: "noise", text: index < 6 ? "noise" : "silence",
                    intent: .none, tags: [], voice: "", speed: 0, snr: nil))
        }
        return clips
    }

    /// A random command: (text, intent, canonical tags).
    static func command(_ random: inout SplitMix64) -> (String, Intent, [String]) {
        let photos = random.pick(["photos", "pictures", "images"])
        let photo = random.pick(["photo", "picture", "image"])
        switch random.pick([
            Intent.search, .search, .search, .count, .count, .next, .previous, .close, .latest, .all,
            .delete, .undo,
        ])
        {
        case let intent where intent.takesTags:
            var picked = [random.pick(spokenTags)]
            if random.next() % 10 < 3 {
                let second = random.pick(spokenTags)
                if second.0 != picked[0].0 { picked.append(second) }
            }
            let spoken = picked.map { random.next() % 10 < 7 ? $0.1 : $0.0 }.joined(separator: " and ")
            let tags = picked.map(\.0)
            if intent == .count {
                return ("how many \(photos) of \(spoken)" + (random.next() % 2 == 0 ? " do I have" : ""), .count, tags)
            }
            return (
                random.pick(["show me \(photos) of \(spoken)", "find \(photos) of \(spoken)", "search for \(spoken)"]),
                .search, tags
            )
        case .next: return (random.pick(["next", "next \(photo)"]), .next, [])
        case .previous: return (random.pick(["previous \(photo)", "go back"]), .previous, [])
        case .close: return ("close the gallery", .close, [])
        case .latest: return ("show me the latest \(photos)", .latest, [])
        case .all: return ("show all \(photos)", .all, [])
        case .delete: return ("delete this \(photo)", .delete, [])
        default: return ("undo", .undo, [])
        }
    }

    /// Writes `clip` as 16 kHz mono 16-bit WAV, at least 2 s long.
    static func synthesize(_ clip: Clip, in directory: URL) throws {
        let path = directory.appendingPathComponent(clip.name).path
        var samples: [Float]
        if clip.set == "noise" {
            let index = Int(clip.name.dropFirst(5).prefix(4)) ?? 0
            var random = SplitMix64(seed: UInt64(100 + index))
            let level: Float = [0.003, 0.01, 0.03, 0.1, 0.02, 0.05, 0, 0.0003][index]
            samples = (0..<(16_000 * (2 + index % 2))).map { sample in
                index == 4
                    ? sin(Float(sample) * 2 * .pi * 100 / 16_000) * level * (sample % 8000 < 4000 ? 1 : 0)
                    : random.gaussian() * level
            }
        } else {
            try shell(Espeak.script, Espeak.arguments(clip.text, voice: clip.voice, speed: clip.speed, path: path))
            samples = try WAVReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).samples
            if samples.count < 32_000 { samples += [Float](repeating: 0, count: 32_000 - samples.count) }
            if let snr = clip.snr {
                let peak = samples.map(abs).max() ?? 0
                let loud = samples.filter { abs($0) > 0.02 * peak }
                let power = loud.reduce(0) { $0 + Double($1) * Double($1) } / Double(max(loud.count, 1))
                let level = Float((power / pow(10, snr / 10)).squareRoot())
                var random = SplitMix64(seed: UInt64(clip.text.utf8.count * 7919 + clip.speed))
                for index in samples.indices { samples[index] += random.gaussian() * level }
            }
        }
        try Data(wav(samples)).write(to: URL(fileURLWithPath: path))
    }

    /// `pocketsphinx_continuous -infile` on one clip: its parsed transcript, wall ms of the whole process
    /// (model loading included) and the search's own wall ms from its log.
    static func pocketsphinx(_ path: String, grammar: String, _ parser: IntentParser) throws -> (
        ParsedIntent, Double, Double
    ) {
        let model = SpeechModel.debianEnUS
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pocketsphinx_continuous")
        process.arguments = ["-infile", path, "-jsgf", grammar, "-hmm", model.acousticModel, "-dict", model.dictionary]
        let output = Pipe()
        let log = Pipe()
        process.standardOutput = output
        process.standardError = log
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let messages = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        // "INFO: fsg_search.c(266): TOTAL fsg 0.45 wall 0.204 xRT"
        let search = messages.split(separator: "\n").last { $0.contains("TOTAL fsg") && $0.contains("wall") }
            .flatMap { line in
                line.split(separator: " ").firstIndex(of: "wall").map { Double(line.split(separator: " ")[$0 - 1]) }
            }
        let transcript = text.split(separator: "\n").joined(separator: " ")
        return (parser.parse(text: transcript), wall, ((search ?? nil) ?? .nan) * 1000)
    }

    /// 16-bit mono 16 kHz WAV bytes of `samples` (−1…1, clipped).
    static func wav(_ samples: [Float]) -> [UInt8] {
        var bytes: [UInt8] = Array("RIFF".utf8)
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        func append16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        append32(UInt32(36 + samples.count * 2))
        bytes += Array("WAVEfmt ".utf8)
        append32(16); append16(1); append16(1); append32(16_000); append32(32_000); append16(2); append16(16)
        bytes += Array("data".utf8)
        append32(UInt32(samples.count * 2))
        for sample in samples { append16(UInt16(bitPattern: Int16(max(-1, min(1, sample)) * 32767))) }
        return bytes
    }

    /// Runs `script` with bash, `arguments` as $1, $2, ...; says what to install when it fails.
    static func shell(_ script: String, _ arguments: [String]) throws {
        do {
            try Shell.run(script, arguments)
        } catch {
            throw BenchError("speech: \(error); install espeak-ng and sox (apt-get install espeak-ng sox)")
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
