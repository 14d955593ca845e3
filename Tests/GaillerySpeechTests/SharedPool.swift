@testable import GaillerySpeech

/// One recognizer pool for all recognizer tests (loading the model takes a few tenths of a second).
enum SharedPool {
    /// The test vocabulary: everyday tags plus a few ImageNet-style labels.
    static let vocabulary = [
        "dog", "cat", "bird", "fish", "car", "truck", "bus", "train", "boat", "bicycle", "flower", "person", "beach",
        "mountain", "lake", "bridge", "food", "pizza", "golden retriever", "teddy bear", "sports car", "shoe",
    ]

    /// The pool, or the error creating it.
    static let pool: Result<RecognizerPool, any Error> = Result { try RecognizerPool(size: 2, vocabulary: vocabulary) }

    /// The pool; throws if it could not be created.
    static func get() throws -> RecognizerPool { try pool.get() }
}
