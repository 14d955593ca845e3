import Foundation
import GailleryAudio
import GaillerySpeech

/// One enrollment recording: the audio and the sentence read in it.
package struct EnrollmentRecording: Sendable {
    package var audio: PCMAudio
    package var text: String

    package init(audio: PCMAudio, text: String) {
        self.audio = audio
        self.text = text
    }
}

/// What an adaptation did.
package struct AdaptationReport: Sendable {
    /// The installed adaptation.
    package var profile: SpeakerProfile
    /// Recordings (0-based, in the order given) that did not match their sentences and were left out.
    package var ignored: [Int]
    /// Where the time went, in milliseconds.
    package var timings: Timings

    /// Milliseconds per phase of an adaptation.
    package struct Timings: Sendable, Equatable {
        /// The front end over every recording, and the files SphinxTrain reads.
        package var features = 0.0
        /// The base model in SphinxTrain's form, and `bw` over the recordings.
        package var statistics = 0.0
        /// `map_adapt`.
        package var map = 0.0
        /// `bw` again under the adapted means.
        package var check = 0.0
        /// Writing, syncing and swapping in the model.
        package var install = 0.0
        /// The whole adaptation.
        package var total = 0.0
    }
    /// The adapted model.
    package var model: SpeechModel
}

/// Adapts the acoustic model to one speaker from recordings of known sentences (MAP adaptation of the
/// Gaussian means with SphinxTrain), and installs the result in a `SpeakerModelDirectory`.
///
/// Features come from `CommandFeatures`, exactly as the recognizer computes them. SphinxTrain aligns
/// each recording with its sentence (`bw`), re-estimates the means with the base model as the prior
/// (`map_adapt`), and `bw` then scores the recordings again under the adapted means: an adaptation that
/// does not fit them better is refused. Blocking (seconds): run it off the event loops.
package struct SpeakerAdapter: Sendable {
    /// How many recordings an enrollment takes: fewer cannot move the means reliably.
    package static let recordingLimits = 10...100
    /// The shortest and longest speech per recording, in seconds.
    static let speechSeconds = 0.5...30.0

    package var base: SpeechModel
    package var tools: SphinxTrainTools
    /// The recognizer's settings (front end, dither, endpointing) the features are computed with.
    package var recognizer: RecognizerConfiguration

    package init(
        base: SpeechModel, tools: SphinxTrainTools = .debian,
        recognizer: RecognizerConfiguration = RecognizerConfiguration()
    ) {
        self.base = base
        self.tools = tools
        self.recognizer = recognizer
    }

    /// The words of `text` as the dictionary spells them: lower case, punctuation dropped.
    static func words(_ text: String) -> [String] {
        let kept = text.lowercased().map { character -> Character in
            character.isLetter || character.isNumber || character == "'" ? character : " "
        }
        return String(kept).split(separator: " ").map(String.init)
    }

    /// Adapts the base model to `recordings` and installs it in `destination`.
    ///
    /// - Throws: `AdaptationError`: `.recordings` when the recordings cannot be used (too few, a word
    ///   the dictionary lacks, no speech, too few matching their sentences), `.model` when the base model
    ///   or SphinxTrain is missing, `.tool` when a tool fails.
    package func adapt(_ recordings: [EnrollmentRecording], into destination: SpeakerModelDirectory) throws
        -> AdaptationReport
    {
        let clock = ContinuousClock()
        let started = clock.now
        var timings = AdaptationReport.Timings()
        func lap(_ phase: WritableKeyPath<AdaptationReport.Timings, Double>, since: ContinuousClock.Instant) {
            let elapsed = clock.now - since
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            timings[keyPath: phase] = (ms * 10).rounded() / 10
        }
        guard Self.recordingLimits.contains(recordings.count) else {
            throw AdaptationError.recordings(
                "enrollment takes \(Self.recordingLimits.lowerBound) to \(Self.recordingLimits.upperBound) "
                    + "recordings, got \(recordings.count); "
                    + (recordings.count < Self.recordingLimits.lowerBound
                        ? "read more of the prompts (voice.prompts)"
                        : "send at most \(Self.recordingLimits.upperBound)"))
        }
        try base.check()
        try tools.check()
        let sentences = try checkedSentences(recordings)

        let manager = FileManager.default
        try manager.createDirectory(
            at: destination.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        destination.removeStrays()
        let work = destination.directory.appendingPathComponent("enroll-\(UUID().uuidString)")
        try manager.createDirectory(at: work.appendingPathComponent("mfc"), withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: work) }

        // Features, as the recognizer computes them, one .mfc file per recording.
        var phase = clock.now
        let extractor = FeatureExtractor()
        var frames: [String: Int] = [:]
        for (index, recording) in recordings.enumerated() {
            let features = CommandFeatures(recording.audio, extractor: extractor, configuration: recognizer)
            let speech = features.speechCepstra
            let seconds = Double(speech.count) / 100
            guard Self.speechSeconds.contains(seconds) else {
                throw AdaptationError.recordings(
                    speech.isEmpty
                        ? "recording \(index + 1) holds no speech; record it again, closer to the microphone"
                        : "recording \(index + 1) holds \(String(format: "%.1f", seconds)) s of speech; "
                            + "each should be one sentence, \(Self.speechSeconds.lowerBound)–"
                            + "\(Int(Self.speechSeconds.upperBound)) s"
                )
            }
            frames[Self.name(index)] = speech.count
            try Self.write(SphinxTrainFiles.mfc(speech), to: work.appendingPathComponent("mfc/\(Self.name(index)).mfc"))
        }
        let ids = recordings.indices.map(Self.name)
        try Self.write(Array((ids.joined(separator: "\n") + "\n").utf8), to: work.appendingPathComponent("fileids"))
        let transcription = zip(sentences, ids).map { "<s> \($0.joined(separator: " ")) </s> (\($1))" }
        try Self.write(
            Array((transcription.joined(separator: "\n") + "\n").utf8), to: work.appendingPathComponent("transcription")
        )
        lap(\.features, since: phase)

        // The base model as SphinxTrain reads it: a text model definition and expanded mixture weights.
        phase = clock.now
        let parameters = try FeatureParameters(model: base)
        let mdef = work.appendingPathComponent("mdef.txt")
        try tools.run(
            tools.mdefConvert, ["-text", base.acousticModel + "/mdef", mdef.path],
            log: work.appendingPathComponent("mdef.log"))
        let mixw = work.appendingPathComponent("mixture_weights")
        try Self.write(try MixtureWeights(sendump: base.acousticModel + "/sendump").s3File, to: mixw)
        let baseFiles = ModelFiles(
            means: base.acousticModel + "/means", variances: base.acousticModel + "/variances",
            transitions: base.acousticModel + "/transition_matrices", mixtureWeights: mixw.path, mdef: mdef.path)
        let statistics = try baumWelch(baseFiles, parameters, work: work, accumulate: "accum", ids: ids)
        lap(\.statistics, since: phase)
        guard statistics.used.count * 2 >= recordings.count, statistics.used.count >= Self.recordingLimits.lowerBound
        else {
            throw AdaptationError.recordings(
                "only \(statistics.used.count) of \(recordings.count) recordings matched their sentences; read each "
                    + "sentence exactly as written, in one go, then enroll again")
        }

        // MAP re-estimation of the means, with the base model as the prior.
        phase = clock.now
        let built = destination.directory.appendingPathComponent("speaker-\(UUID().uuidString)")
        try manager.createDirectory(at: built, withIntermediateDirectories: false)
        var installed = false
        defer { if !installed { try? manager.removeItem(at: built) } }
        let means = built.appendingPathComponent("means")
        try tools.run(
            tools.mapAdapt,
            [
                "-moddeffn", mdef.path, "-ts2cbfn", parameters.codebookMap, "-meanfn", baseFiles.means,
                "-varfn", baseFiles.variances, "-mixwfn", mixw.path, "-tmatfn", baseFiles.transitions,
                "-accumdir", work.appendingPathComponent("accum").path, "-mapmeanfn", means.path,
                "-mapvarfn", work.appendingPathComponent("map_variances").path,
                "-mapmixwfn", work.appendingPathComponent("map_mixture_weights").path,
                "-maptmatfn", work.appendingPathComponent("map_transition_matrices").path,
            ],
            log: work.appendingPathComponent("map.log"))
        lap(\.map, since: phase)

        // The fit check: the same recordings under the adapted means.
        phase = clock.now
        var adaptedFiles = baseFiles
        adaptedFiles.means = means.path
        let check = try baumWelch(adaptedFiles, parameters, work: work, accumulate: "check", ids: ids)
        lap(\.check, since: phase)
        guard check.fit > statistics.fit else {
            throw AdaptationError.recordings(
                "the adapted model fits the recordings no better than the base model (log-likelihood per frame "
                    + "\(Self.format(check.fit)) against \(Self.format(statistics.fit))); "
                    + "record again in a quieter place"
            )
        }

        // The adapted model: the base files with the new means, synced, then swapped in.
        phase = clock.now
        for name in SpeakerProfile.modelFiles where name != "means" {
            let source = base.acousticModel + "/" + name
            guard let data = manager.contents(atPath: source) else {
                throw AdaptationError.model(
                    "the acoustic model's \(source) cannot be read; reinstall pocketsphinx-en-us")
            }
            try Durable.write([UInt8](data), to: built.appendingPathComponent(name))
        }
        try Durable.sync(means)
        let profile = SpeakerProfile(
            recordings: statistics.used.count,
            speechSeconds: Double(statistics.used.reduce(0) { $0 + frames[$1, default: 0] }) / 100,
            fitBefore: statistics.fit,
            fitAfter: check.fit, createdAt: Date().timeIntervalSince1970, baseModel: base.acousticModel,
            baseFingerprint: SpeakerProfile.fingerprint(of: base))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try Durable.write([UInt8](try encoder.encode(profile)), to: built.appendingPathComponent("speaker.json"))
        Durable.syncDirectory(built)
        try destination.install(built)
        installed = true
        lap(\.install, since: phase)
        lap(\.total, since: started)
        let ignored = recordings.indices.filter { !statistics.used.contains(Self.name($0)) }
        return AdaptationReport(
            profile: profile, ignored: ignored, timings: timings,
            model: SpeechModel(acousticModel: destination.link.path, dictionary: base.dictionary))
    }

    /// Each recording's words, checked against the pronunciation dictionary.
    private func checkedSentences(_ recordings: [EnrollmentRecording]) throws -> [[String]] {
        let dictionary: PronunciationDictionary
        do {
            dictionary = try PronunciationDictionary(contentsOf: base.dictionary)
        } catch {
            throw AdaptationError.model("the pronunciation dictionary \(base.dictionary) cannot be read: \(error)")
        }
        return try recordings.enumerated().map { index, recording in
            let words = Self.words(recording.text)
            guard !words.isEmpty else {
                throw AdaptationError.recordings("recording \(index + 1) has no sentence; give the text that was read")
            }
            let unknown = words.filter { !dictionary.contains($0) }
            guard unknown.isEmpty else {
                throw AdaptationError.recordings(
                    "recording \(index + 1)'s sentence has words the pronunciation dictionary lacks ("
                        + unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                        + "); spell numbers out, or use the prompts from voice.prompts")
            }
            return words
        }
    }

    /// The files of one model as SphinxTrain names them.
    struct ModelFiles {
        var means: String
        var variances: String
        var transitions: String
        var mixtureWeights: String
        var mdef: String
    }

    /// What `bw` reported: the recordings it aligned and the mean log-likelihood per frame.
    struct Statistics {
        var used: Set<String>
        var fit: Double
    }

    /// Runs `bw` over the recordings with `files`, accumulating into `work/accumulate`.
    private func baumWelch(
        _ files: ModelFiles, _ parameters: FeatureParameters, work: URL, accumulate: String, ids: [String]
    ) throws -> Statistics {
        let accumulator = work.appendingPathComponent(accumulate)
        try FileManager.default.createDirectory(at: accumulator, withIntermediateDirectories: true)
        let log = work.appendingPathComponent(accumulate + ".log")
        try tools.run(
            tools.bw,
            [
                "-moddeffn", files.mdef, "-ts2cbfn", parameters.codebookMap, "-meanfn", files.means,
                "-varfn", files.variances, "-mixwfn", files.mixtureWeights, "-tmatfn", files.transitions,
                "-dictfn", base.dictionary, "-fdictfn", base.acousticModel + "/noisedict",
                "-ctlfn", work.appendingPathComponent("fileids").path,
                "-lsnfn", work.appendingPathComponent("transcription").path,
                "-cepdir", work.appendingPathComponent("mfc").path, "-cepext", "mfc",
                "-accumdir", accumulator.path,
            ] + parameters.arguments,
            log: log)
        return try Self.statistics(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "", ids: ids)
    }

    /// Parses `bw`'s log: "eNN ignored" for a recording it could not align, and the closing
    /// "overall> stats FRAMES (-0) PER_FRAME TOTAL ..." line.
    static func statistics(log: String, ids: [String]) throws -> Statistics {
        var ignored = Set<String>()
        var fit: Double?
        for line in log.split(separator: "\n") {
            if line.hasSuffix(" ignored"), let id = line.split(separator: " ").dropLast().last {
                ignored.insert(String(id))
            } else if line.hasPrefix("overall>") {
                let fields = line.split(separator: " ")
                if fields.count >= 5 { fit = Double(fields[4]) }
            }
        }
        guard let fit, fit.isFinite else {
            throw AdaptationError.recordings(
                "none of the recordings matched their sentences; read each sentence exactly as written, "
                    + "then enroll again"
            )
        }
        return Statistics(used: Set(ids).subtracting(ignored), fit: fit)
    }

    /// Writes one of the work directory's files (thrown away afterwards, so not synced).
    private static func write(_ bytes: [UInt8], to url: URL) throws {
        do {
            try Data(bytes).write(to: url)
        } catch {
            throw AdaptationError.tool("could not write \(url.path): \(error); check the data directory's free space")
        }
    }

    static func name(_ index: Int) -> String { String(format: "r%03d", index) }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// The base model's feature settings (its `feat.params`), passed to `bw` so the statistics are computed
/// over the same feature vectors as decoding uses.
struct FeatureParameters {
    /// `-feat`, `-svspec`, `-cmn`, `-agc`, `-varnorm` as the model gives them.
    var arguments: [String]
    /// SphinxTrain's tied-state-to-codebook map for the model's type.
    var codebookMap: String

    init(model: SpeechModel) throws {
        let path = model.acousticModel + "/feat.params"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AdaptationError.model("the acoustic model's \(path) cannot be read; reinstall pocketsphinx-en-us")
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2 { values[String(fields[0])] = String(fields[1]) }
        }
        var arguments: [String] = []
        for name in ["-feat", "-svspec", "-cmn", "-agc", "-varnorm"] {
            if let value = values[name] { arguments += [name, value] }
        }
        self.arguments = arguments
        switch values["-model"] {
        case "ptm": codebookMap = ".ptm."
        case "semi": codebookMap = ".semi."
        default:
            throw AdaptationError.model(
                "\(model.acousticModel) is not a semi-continuous or PTM model "
                    + "(feat.params -model \(values["-model"] ?? "missing")); "
                    + "speaker adaptation supports Debian's pocketsphinx-en-us")
        }
    }
}
