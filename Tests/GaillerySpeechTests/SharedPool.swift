@testable import GaillerySpeech
import GailleryTestSupport

/// One recognizer pool for all recognizer tests (loading the model takes about half a second).
enum SharedPool {
    /// The test vocabulary (`SpeechVocabulary`): the size of grammar the daemon is meant to build.
    static let vocabulary = SpeechVocabulary.phrases

    /// The pool, or the error creating it.
    static let pool: Result<RecognizerPool, any Error> = Result { try RecognizerPool(size: 2, vocabulary: vocabulary) }

    /// The pool; throws if it could not be created.
    static func get() throws -> RecognizerPool { try pool.get() }
}
