import Foundation
import GailleryAudio
import GailleryClassifier
import GailleryCore

/// A few `MoonshineRecognizer`s sharing one `MoonshineGrammar`, behind the same `CommandRecognizers` face as
/// pocketsphinx's `RecognizerPool`. Our FFTW front end finds the speech (`Endpointer`, as for pocketsphinx)
/// for the result's span, and a near-silent clip is answered "no speech" without running the model; any
/// other clip is heard whole (as the rejection was fitted), noise included: the rejection refuses it.
///
/// Ownership: each worker (one recognizer, one FFTW front end) is used by one thread at a time: it is
/// checked out under `condition`, used without holding it, and checked back in (`@unchecked Sendable`:
/// `idle` and `grammar` are only touched with `condition` held).
package final class MoonshinePool: @unchecked Sendable {
    /// One recognizer and the front end that finds its clips' speech; used by one thread at a time.
    private final class Worker {
        let recognizer: MoonshineRecognizer
        let extractor = FeatureExtractor()

        init(_ recognizer: MoonshineRecognizer) { self.recognizer = recognizer }
    }

    /// The model files in use.
    package let model: MoonshineModel
    /// The search settings of every recognizer.
    package let settings: MoonshineRecognizer.Settings
    /// Recognizers in the pool.
    package let size: Int
    private let condition = NSCondition()
    private var idle: [Worker]
    private var grammar: MoonshineGrammar
    /// The endpointer's settings (pocketsphinx's defaults: the same speech is found for both recognizers).
    private let endpointing = RecognizerConfiguration()

    /// Loads `size` recognizers from the converted model in `modelsDirectory` (each about 0.5 s and 200 MB)
    /// and builds the grammar for `vocabulary`.
    ///
    /// - Throws: `SpeechError` `.modelMissing` when the model is not prepared (`make models`) or does not load.
    package init(
        runtime: OnnxRuntime, modelsDirectory: URL, size: Int = 1, vocabulary: [String] = [],
        settings: MoonshineRecognizer.Settings = .init()
    ) throws(SpeechError) {
        precondition(size > 0, "MoonshinePool: size must be positive, got \(size)")
        var workers: [Worker] = []
        for _ in 0..<size {
            workers.append(
                Worker(try MoonshineRecognizer(runtime: runtime, modelsDirectory: modelsDirectory, settings: settings)))
        }
        model = workers[0].recognizer.model
        self.settings = settings
        self.size = size
        idle = workers
        grammar = MoonshineGrammar(vocabulary: vocabulary)
    }

    /// The grammar in use.
    package var currentGrammar: MoonshineGrammar { condition.withLock { grammar } }

    /// Recognizes `audio` and returns the recognizer's own account too (nil without speech), waiting for a
    /// free recognizer if all are busy; for benchmarks that need the scores.
    ///
    /// - Throws: `SpeechError` when ONNX Runtime fails.
    package func recognizeWithEvidence(_ audio: PCMAudio) throws -> (RecognitionResult, MoonshineRecognition?) {
        condition.lock()
        while idle.isEmpty { condition.wait() }
        let worker = idle.removeLast()
        let current = grammar
        condition.unlock()
        defer { checkIn(worker) }
        return try recognize(audio, on: worker, grammar: current)
    }

    private func checkIn(_ worker: Worker) {
        condition.withLock {
            idle.append(worker)
            condition.broadcast()
        }
    }

    private func recognize(
        _ audio: PCMAudio, on worker: Worker, grammar: MoonshineGrammar
    ) throws -> (RecognitionResult, MoonshineRecognition?) {
        let clock = ContinuousClock()
        let start = clock.now
        let resampled = resample(audio, to: 16_000)
        let features = CommandFeatures(resampled, extractor: worker.extractor, configuration: endpointing)
        let range = features.speech
        // The endpointer misses speech under heavy noise (29 of the benchmark's 286 commands, most at 10 dB
        // SNR) and Moonshine's own rejection refuses noise, so only a near-silent clip without a speech span
        // is answered "no speech" without the model.
        let loudest = features.frontEnd.energies.max() ?? -.infinity
        let silent = range == nil && loudest <= endpointing.endpointer.minimumSpeechDB
        var result = RecognitionResult(
            transcript: "", intent: .init(name: .none, confidence: 0), slots: IntentSlots(),
            speech: range.map { .init(startMs: $0.startMs, endMs: $0.endMs) },
            timings: .init(features: Self.ms(clock.now - start), decode: 0, total: 0), reason: "no speech")
        guard !silent else {
            result.timings.total = result.timings.features
            return (result, nil)
        }
        // The whole clip, as the rejection margin was fitted on (Benchmarks/moonshine), not the span.
        let recognition = try worker.recognizer.recognize(samples: resampled.samples, grammar: grammar)
        result.transcript = recognition.transcript
        result.heard = recognition.heard
        let accepted = recognition.intent.intent != .none
        result.intent = .init(
            name: recognition.intent.intent, confidence: confidence(recognition.evidence, accepted: accepted))
        result.slots = recognition.intent.slots
        result.reason = recognition.intent.reason
        result.timings.decode = ((recognition.timings.encoder + recognition.timings.decoder) * 100).rounded() / 100
        result.timings.total = Self.ms(clock.now - start)
        return (result, recognition)
    }

    /// 0...1 through a logistic curve of the margin, centred on the largest margin acted on (0.5 there,
    /// above 0.5 for every clip acted on, below it for every clip refused).
    private func confidence(_ evidence: MoonshineRecognition.Evidence, accepted: Bool) -> Double {
        guard evidence.margin.isFinite else { return 0 }
        let centred = (settings.rejection.maxMargin - evidence.margin) / 2
        let value = ((1 / (1 + exp(-centred))) * 1000).rounded() / 1000
        return accepted ? max(value, 0.5) : min(value, 0.499)
    }

    private static func ms(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) * 1000 + Double(attoseconds) / 1e15) * 100).rounded() / 100
    }
}

extension MoonshinePool: CommandRecognizers {
    /// "moonshine base-en".
    package var name: String { "moonshine base-en" }

    /// The current grammar's tag phrases.
    package var phrases: [String: TagName] { currentGrammar.phrases }

    /// Tags the current grammar can name.
    package var tagCount: Int { Set(currentGrammar.phrases.values).count }

    /// Recognizes `audio`, waiting for a free recognizer if all are busy.
    ///
    /// - Throws: `SpeechError` when ONNX Runtime fails.
    package func recognize(_ audio: PCMAudio) throws -> RecognitionResult { try recognizeWithEvidence(audio).0 }

    /// Recognizes `audio` if a recognizer is free; nil (busy) otherwise.
    ///
    /// - Throws: `SpeechError` when ONNX Runtime fails.
    package func tryRecognize(_ audio: PCMAudio) throws -> RecognitionResult? {
        let checkedOut = condition.withLock { () -> (Worker, MoonshineGrammar)? in
            guard let worker = idle.popLast() else { return nil }
            return (worker, grammar)
        }
        guard let (worker, current) = checkedOut else { return nil }
        defer { checkIn(worker) }
        return try recognize(audio, on: worker, grammar: current).0
    }

    /// Builds the word graph for `vocabulary`, publishes it, and matches the tokens against it in every idle
    /// recognizer (about half a second each; busy ones do it on their next clip). Never throws: any tag
    /// spelled with letters can be said.
    package func updateVocabulary(_ vocabulary: [String]) throws -> VocabularyUpdate {
        let built = MoonshineGrammar(vocabulary: vocabulary)
        let free = condition.withLock { () -> [Worker] in
            grammar = built
            defer { idle.removeAll() }
            return idle
        }
        for worker in free {
            worker.recognizer.prepare(built)
            checkIn(worker)
        }
        return VocabularyUpdate(tags: Set(built.phrases.values).count, dropped: built.dropped)
    }
}
