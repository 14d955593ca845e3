import GailleryAudio
import GailleryCore

/// A set of recognizers that share one command grammar and that the daemon's recognition queue drives, one
/// thread per recognizer: pocketsphinx's `RecognizerPool` or Moonshine's `MoonshinePool`.
///
/// Conformers are thread-safe: `recognize` and `tryRecognize` block the calling thread for one clip and may
/// be called from `size` threads at once; `updateVocabulary` may run beside them.
package protocol CommandRecognizers: AnyObject, Sendable {
    /// What `daemon.status` calls it ("moonshine base-en", "pocketsphinx en-us").
    var name: String { get }
    /// Recognizers in the set (clips decoded at once).
    var size: Int { get }
    /// The spoken tag phrases of the current grammar and the tags they name (for typed commands).
    var phrases: [String: TagName] { get }
    /// Tags the current grammar can name.
    var tagCount: Int { get }

    /// Recognizes `audio`, waiting for a free recognizer if all are busy.
    ///
    /// - Throws: `SpeechError` when the decoder fails.
    func recognize(_ audio: PCMAudio) throws -> RecognitionResult

    /// Recognizes `audio` if a recognizer is free; nil (busy) otherwise.
    ///
    /// - Throws: `SpeechError` when the decoder fails.
    func tryRecognize(_ audio: PCMAudio) throws -> RecognitionResult?

    /// Builds and publishes the grammar for `vocabulary` (tag and label names) and readies the idle
    /// recognizers for it; returns what was left out.
    ///
    /// - Throws: `SpeechError` when a recognizer cannot take the grammar.
    func updateVocabulary(_ vocabulary: [String]) throws -> VocabularyUpdate
}

/// What a grammar rebuild made of the vocabulary.
package struct VocabularyUpdate: Sendable, Equatable {
    /// Tags the new grammar can name.
    package var tags: Int
    /// Why each left-out phrase was left out.
    package var dropped: [String]

    /// Wraps the counts.
    package init(tags: Int, dropped: [String]) {
        self.tags = tags
        self.dropped = dropped
    }
}

extension RecognizerPool: CommandRecognizers {
    /// "pocketsphinx en-us".
    package var name: String { "pocketsphinx en-us" }

    /// The current grammar's tag phrases.
    package var phrases: [String: TagName] { currentGrammar.phrases }

    /// The current grammar's tag count.
    package var tagCount: Int { currentGrammar.tags.count }

    /// Builds the JSGF grammar for `vocabulary` and compiles it into the idle recognizers.
    ///
    /// - Throws: `SpeechError` when pocketsphinx cannot compile it.
    package func updateVocabulary(_ vocabulary: [String]) throws -> VocabularyUpdate {
        let grammar = setVocabulary(vocabulary)
        try prepareAll()
        return VocabularyUpdate(tags: grammar.tags.count, dropped: grammar.dropped.map(\.reason))
    }
}
