import Foundation
import GailleryAudio
import GailleryCore

/// A few `Recognizer`s sharing one command grammar, so that several clips can be decoded at once.
///
/// Ownership: each recognizer (one pocketsphinx decoder, one FFTW plan) is used by one thread at a time:
/// `recognize` checks a free recognizer out under the pool's condition lock, decodes on the calling
/// thread without holding the pool lock, and checks it back in. When all are busy the caller waits (the
/// daemon bounds its own queue and answers "busy" before calling); `tryRecognize` does not wait.
///
/// Grammar changes are cheap and thread-safe: `setVocabulary` builds the JSGF text once (a few ms) and
/// publishes it; each recognizer compiles it the next time it is used (or at once with `prepareAll`).
/// Debouncing vocabulary changes is the caller's job.
package final class RecognizerPool: @unchecked Sendable {
    // @unchecked: `idle`, `all`, `configuration` and `grammar` are only touched with `condition` held;
    // recognizers are handed to one thread at a time and are themselves locked.
    private let condition = NSCondition()
    private var idle: [Recognizer]
    private var grammar: CommandGrammar
    private var all: [Recognizer]
    private var configuration: RecognizerConfiguration
    private let dictionary: PronunciationDictionary

    /// Creates `size` recognizers (each loads the model into two decoders: about 0.6 s and 50 MB) and a grammar for
    /// `vocabulary`.
    ///
    /// - Throws: `SpeechError` when the model files are missing or pocketsphinx rejects them.
    package init(
        size: Int = 2,
        vocabulary: [String] = [],
        configuration: RecognizerConfiguration = RecognizerConfiguration()
    ) throws {
        precondition(size > 0, "RecognizerPool: size must be positive, got \(size)")
        SenoneDump.removeAbandoned()
        dictionary = try PronunciationDictionary(contentsOf: configuration.model.dictionary)
        self.configuration = configuration
        all = try (0..<size).map { _ in try Recognizer(configuration: configuration) }
        idle = all
        grammar = CommandGrammar(vocabulary: vocabulary, dictionary: dictionary)
    }

    /// Number of recognizers.
    package var size: Int { condition.withLock { all.count } }

    /// The acoustic model the recognizers use now.
    package var model: SpeechModel { condition.withLock { configuration.model } }

    /// The settings the recognizers use now.
    package var currentConfiguration: RecognizerConfiguration { condition.withLock { configuration } }

    /// Why the recognizers let pocketsphinx compute the acoustic scores instead of `SenoneScorer` (nil
    /// when they use the scorer, or were configured not to).
    package var scoringFallback: String? { condition.withLock { all.first?.scoringFallback } }

    /// Loads `updated` (its model and rejection rule, e.g. `RecognizerConfiguration.enrolled`) into a
    /// new set of recognizers (as many as now, with the current grammar compiled) and swaps them in.
    /// Recognitions already running finish on the old ones, which are then released; later ones use the
    /// new. Takes about as long as creating the pool (0.6 s a recognizer).
    ///
    /// - Throws: `SpeechError` when the model cannot be loaded; the pool then keeps its recognizers.
    package func reconfigure(_ updated: RecognizerConfiguration) throws {
        let fresh = try (0..<size).map { _ in try Recognizer(configuration: updated) }
        let current = currentGrammar
        for recognizer in fresh { try recognizer.prepare(current) }
        condition.withLock {
            configuration = updated
            all = fresh
            idle = fresh
            condition.broadcast()
        }
    }

    /// The grammar in use.
    package var currentGrammar: CommandGrammar { condition.withLock { grammar } }

    /// Builds and publishes the grammar for `vocabulary` (tag and label names); returns it, with the
    /// phrases that were left out (`CommandGrammar.dropped`) for the caller to log.
    @discardableResult
    package func setVocabulary(_ vocabulary: some Sequence<String>) -> CommandGrammar {
        let built = CommandGrammar(vocabulary: vocabulary, dictionary: dictionary)
        condition.withLock { grammar = built }
        return built
    }

    /// Compiles the current grammar into every idle recognizer now (busy ones do it on their next clip).
    ///
    /// - Throws: `SpeechError` when pocketsphinx cannot compile it.
    package func prepareAll() throws {
        let (free, current) = condition.withLock { () -> ([Recognizer], CommandGrammar) in
            defer { idle.removeAll() }
            return (idle, grammar)
        }
        defer { checkIn(free) }
        for recognizer in free { try recognizer.prepare(current) }
    }

    /// Recognizes `audio`, waiting for a free recognizer if all are busy.
    ///
    /// - Throws: `SpeechError` when pocketsphinx fails.
    package func recognize(_ audio: PCMAudio) throws -> RecognitionResult {
        condition.lock()
        while idle.isEmpty { condition.wait() }
        let recognizer = idle.removeLast()
        let current = grammar
        condition.unlock()
        defer { checkIn([recognizer]) }
        return try recognizer.recognize(audio, grammar: current)
    }

    /// Recognizes `audio` if a recognizer is free; nil (busy) otherwise.
    ///
    /// - Throws: `SpeechError` when pocketsphinx fails.
    package func tryRecognize(_ audio: PCMAudio) throws -> RecognitionResult? {
        let checkedOut = condition.withLock { () -> (Recognizer, CommandGrammar)? in
            guard let recognizer = idle.popLast() else { return nil }
            return (recognizer, grammar)
        }
        guard let (recognizer, current) = checkedOut else { return nil }
        defer { checkIn([recognizer]) }
        return try recognizer.recognize(audio, grammar: current)
    }

    private func checkIn(_ recognizers: [Recognizer]) {
        guard !recognizers.isEmpty else { return }
        condition.withLock {
            // A recognizer replaced by `reconfigure` while it worked is dropped, not returned.
            idle.append(contentsOf: recognizers.filter { recognizer in all.contains { $0 === recognizer } })
            condition.broadcast()
        }
    }
}
