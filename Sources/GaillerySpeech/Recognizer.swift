import Foundation
import GailleryAudio
import GailleryCore

/// Turns a spoken command into an intent: our own front end (resampling, FFTW MFCCs, endpointing),
/// pocketsphinx searching the command grammar and, over the same senone scores, a free phone loop
/// (`CommandDecoder`), a rejection score over how the two compare (`RejectionModel`), and `IntentParser`
/// on the transcript.
///
/// Thread safety: a recognizer owns two pocketsphinx decoders and one FFTW plan, none of which may be
/// used by two threads at once, so every entry point takes the recognizer's lock (`@unchecked Sendable`
/// for that reason). Calls block the calling thread for the whole decode, during which the phone loop
/// runs on the recognizer's own long-lived thread (`PhoneLoopWorker`); a `RecognizerPool` runs several
/// recognizers side by side.
package final class Recognizer: @unchecked Sendable {
    /// The settings it was created with.
    package let configuration: RecognizerConfiguration
    private let lock = NSLock()
    private let decoder: CommandDecoder
    private let extractor = FeatureExtractor()
    private var appliedGrammar: CommandGrammar.Token?

    /// Loads the acoustic model and dictionary into both decoders (about 0.6 s and 50 MB per recognizer)
    /// and starts the phone loop's thread (it ends when the recognizer is released).
    ///
    /// - Throws: `SpeechError` when model files are missing or pocketsphinx rejects the configuration.
    package init(configuration: RecognizerConfiguration = RecognizerConfiguration()) throws {
        self.configuration = configuration
        decoder = try CommandDecoder(configuration: configuration)
    }

    /// Why pocketsphinx computes the acoustic scores rather than `SenoneScorer`, when the configuration
    /// asked for the latter and the model is not one it reproduces (nil otherwise). Fixed at `init`.
    package var scoringFallback: String? { decoder.scoringFallback }

    /// Recognizes one clip with `grammar` (compiled into the decoder first if it is not the grammar this
    /// recognizer used last). A clip without speech gives intent `none`, reason "no speech", and the
    /// decoder is not run.
    ///
    /// - Throws: `SpeechError` when pocketsphinx fails; speech that is not a command is a `none` result.
    package func recognize(_ audio: PCMAudio, grammar: CommandGrammar) throws -> RecognitionResult {
        try lock.withLock { try recognizeLocked(audio, grammar: grammar) }
    }

    /// Compiles `grammar` now rather than on the next clip (e.g. right after a vocabulary change).
    ///
    /// - Throws: `SpeechError` when pocketsphinx cannot compile it.
    package func prepare(_ grammar: CommandGrammar) throws {
        try lock.withLock { try apply(grammar) }
    }

    private func apply(_ grammar: CommandGrammar) throws {
        guard appliedGrammar !== grammar.token else { return }
        try decoder.setGrammar(grammar.jsgf)
        appliedGrammar = grammar.token
    }

    private func recognizeLocked(_ audio: PCMAudio, grammar: CommandGrammar) throws -> RecognitionResult {
        let clock = ContinuousClock()
        let start = clock.now
        let features = CommandFeatures(audio, extractor: extractor, configuration: configuration)
        let range = features.speech
        let featuresDone = clock.now
        var result = RecognitionResult(
            transcript: "",
            intent: .init(name: .none, confidence: 0),
            slots: IntentSlots(),
            speech: range.map { .init(startMs: $0.startMs, endMs: $0.endMs) },
            timings: .init(features: Self.ms(featuresDone - start), decode: 0, total: 0),
            reason: "no speech"
        )
        guard range != nil else {
            result.timings.total = result.timings.features
            return result
        }
        try apply(grammar)
        let (command, loop) = try decoder.decode(features.speechCepstra)
        result.timings.decode = Self.ms(clock.now - featuresDone)
        result.transcript = command.text
        decide(
            &result,
            evidence: RecognitionEvidence(command: command, loop: loop, phoneCount: decoder.phoneCount),
            grammar: grammar
        )
        result.timings.total = Self.ms(clock.now - start)
        return result
    }

    /// Accepts the transcript's intent when the rejection score clears the threshold (and the hard
    /// floors), otherwise `none`.
    private func decide(_ result: inout RecognitionResult, evidence: RecognitionEvidence, grammar: CommandGrammar) {
        result.evidence = evidence
        guard !result.transcript.isEmpty else {
            result.reason = "did not catch that: the speech matched no command"
            return
        }
        let parsed = IntentParser(phrases: grammar.phrases).parse(text: result.transcript)
        let minimum = configuration.minimumScore(for: parsed.intent)
        let score = configuration.rejection.score(evidence)
        let centred = (score - minimum) / configuration.confidenceScale
        result.intent.confidence = ((1 / (1 + exp(-centred))) * 1000).rounded() / 1000
        guard score >= minimum, evidence.margin >= configuration.minimumMargin,
            evidence.weakestWordMargin >= configuration.minimumWordMargin,
            evidence.longestWordStretch <= configuration.maximumWordStretch,
            !Self.repeatsTag(parsed, transcript: result.transcript, phrases: grammar.phrases)
        else {
            result.reason = "did not catch that: \"\(result.transcript)\" was too uncertain to act on"
            return
        }
        result.intent.name = parsed.intent
        result.slots = parsed.slots
        result.reason = parsed.reason
    }

    /// Whether the transcript names one tag twice ("dogs and dog"): the grammar allows it, a person
    /// would not say it, and it happens when the decoder forces a second tag onto other sounds.
    static func repeatsTag(_ parsed: ParsedIntent, transcript: String, phrases: [String: TagName]) -> Bool {
        guard parsed.intent.takesTags, parsed.tags.count < 2, transcript.contains(" and ") else { return false }
        return !phrases.keys.contains { $0.contains(" and ") && transcript.contains($0) }
    }

    private static func ms(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 100).rounded() / 100
    }
}
