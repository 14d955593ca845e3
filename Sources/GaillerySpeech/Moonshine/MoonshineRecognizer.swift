import CONNXRuntime
import Foundation
import GailleryClassifier
import GailleryCore

/// A neural command recognizer: Moonshine base (English) on ONNX Runtime. The encoder runs once per clip;
/// a beam search over allowed sentences (`MoonshineGrammar`) and a free beam search share one batched
/// decoder run per step with a key/value cache; the clip is acted on when the free decode does not beat
/// the best allowed sentence by more than `MoonshineRejection` allows.
///
/// Thread safety: the encoder and decoder sessions and the token-match cache belong to this object and
/// every use holds `lock` (`@unchecked Sendable` for that reason). `recognize` blocks the calling thread
/// for the whole decode (about a tenth of a second for a short command): call it from a worker thread.
package final class MoonshineRecognizer: @unchecked Sendable {
    /// Search settings.
    package struct Settings: Sendable, Equatable {
        /// Hypotheses kept by the grammar search (4: ~95% right on held-out voices; 1 is much worse).
        package var beamWidth = 4
        /// Hypotheses kept by the free search.
        package var freeBeamWidth = 2
        /// ONNX Runtime intra-op threads per session.
        package var threads = 1
        /// When to act on a clip.
        package var rejection = MoonshineRejection.default

        /// The defaults.
        package init() {}
    }

    /// The model files in use.
    package let model: MoonshineModel
    /// The settings it was created with.
    package let settings: Settings
    private let lock = NSLock()
    private let encoder: OnnxSession
    private let decoder: OnnxSession
    private let tokenizer: MoonshineTokenizer
    private var matcher: TokenMatcher?
    private var matcherGrammar: CommandGrammar.Token?

    /// Loads the model that `models/prepare` converted into `modelsDirectory` (about 0.5 s, ~200 MB).
    /// - Parameter runtime: ONNX Runtime, shared with the classifier (`OnnxRuntime.load`).
    /// - Throws: `SpeechError` `.modelMissing` when the manifest or a file is missing or does not load.
    package init(runtime: OnnxRuntime, modelsDirectory: URL, settings: Settings = Settings()) throws(SpeechError) {
        model = try MoonshineModel.locate(in: modelsDirectory)
        self.settings = settings
        tokenizer = try MoonshineTokenizer(contentsOf: model.tokenizer)
        encoder = try OnnxSession(runtime: runtime, url: model.encoder, threads: settings.threads)
        decoder = try OnnxSession(runtime: runtime, url: model.decoder, threads: settings.threads)
    }

    /// Recognizes one clip of 16 kHz mono PCM in [-1, 1] against `grammar`. Clips shorter than 0.5 s are
    /// padded with silence (the encoder needs a few frames).
    /// - Throws: `SpeechError` `.decoderFailed` when ONNX Runtime fails.
    package func recognize(samples: [Float], grammar: MoonshineGrammar) throws(SpeechError) -> MoonshineRecognition {
        lock.lock()
        defer { lock.unlock() }
        match(grammar)
        var audio = samples
        if audio.count < 8000 { audio += [Float](repeating: 0, count: 8000 - audio.count) }
        let clock = ContinuousClock()
        let started = clock.now
        let input = TensorBuffer(audio)
        let hidden = try encoder.run(
            [.init(name: "input_values", type: GORT_FLOAT, data: input.raw, shape: [1, Int64(audio.count)])],
            outputs: ["last_hidden_state"])[0]
        withExtendedLifetime(input) {}  // the argument points into it (see `BeamSearch.run`)
        let encoded = clock.now
        let seconds = Double(audio.count) / 16000
        var search = BeamSearch(
            decoder: decoder, matcher: matcher!, hidden: hidden, settings: settings,
            maxTokens: Int((seconds * 6.5).rounded(.up)) + 2)
        let outcome = try search.run()
        let decoded = clock.now
        return result(
            outcome, grammar: grammar,
            timings: .init(
                encoder: Self.milliseconds(encoded - started), decoder: Self.milliseconds(decoded - encoded)))
    }

    /// Matches the tokenizer's tokens against `grammar` now (about half a second) rather than on the next
    /// clip, e.g. right after a vocabulary change.
    package func prepare(_ grammar: MoonshineGrammar) {
        lock.lock()
        defer { lock.unlock() }
        match(grammar)
    }

    /// Rebuilds the token matches when `grammar` is not the one they were built for; call with `lock` held.
    private func match(_ grammar: MoonshineGrammar) {
        guard matcherGrammar !== grammar.token else { return }
        matcher = TokenMatcher(tokenizer: tokenizer, graph: grammar.graph)
        matcherGrammar = grammar.token
    }

    private func result(
        _ outcome: BeamSearch.Outcome, grammar: MoonshineGrammar, timings: MoonshineRecognition.Timings
    ) -> MoonshineRecognition {
        let heard = tokenizer.decode(outcome.free.tokens)
        let transcript = outcome.grammar.map { Self.words(tokenizer.decode($0.tokens)).joined(separator: " ") } ?? ""
        let evidence = MoonshineRecognition.Evidence(
            freeScore: outcome.free.score, grammarScore: outcome.grammar?.score, heardWords: Self.words(heard).count,
            transcriptWords: Self.words(transcript).count, steps: outcome.steps)
        let intent: ParsedIntent =
            if let reason = settings.rejection.reason(evidence, heard: heard) { .none(reason) } else {
                grammar.parse(transcript)
            }
        return MoonshineRecognition(
            transcript: transcript, heard: heard, intent: intent, evidence: evidence, timings: timings)
    }

    /// Lowercase words of `text`, punctuation other than apostrophes dropped.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'") }.map(String.init)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
