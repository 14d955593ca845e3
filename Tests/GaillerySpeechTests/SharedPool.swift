@testable import GaillerySpeech

/// One recognizer pool for all recognizer tests (loading the model takes about half a second).
enum SharedPool {
    /// The test vocabulary: the classifier's 46 everyday categories and four label names, the size of
    /// grammar the daemon is meant to build (see the README's Speech section on vocabulary size).
    static let vocabulary = [
        "dog", "cat", "bird", "fish", "insect", "reptile", "animal", "person", "car", "truck", "bus", "train", "boat",
        "aircraft", "bicycle", "motorcycle", "vehicle", "fruit", "vegetable", "drink", "coffee", "food", "flower",
        "plant", "mushroom", "furniture", "shop", "building", "bridge", "musical instrument", "shoe", "clothing",
        "ball", "tool", "computer", "camera", "appliance", "clock", "toy", "rocket", "electronics", "container",
        "beach", "sea", "lake", "mountain", "golden retriever", "teddy bear", "sports car", "pizza",
    ]

    /// The pool, or the error creating it.
    static let pool: Result<RecognizerPool, any Error> = Result { try RecognizerPool(size: 2, vocabulary: vocabulary) }

    /// The pool; throws if it could not be created.
    static func get() throws -> RecognizerPool { try pool.get() }
}
