/// The grammar vocabulary that speech tests and `gaillery-bench speech` use: the classifier's 46
/// everyday categories and four label names, the size of grammar the daemon is meant to build.
package enum SpeechVocabulary {
    /// The phrases.
    package static let phrases = [
        "dog", "cat", "bird", "fish", "insect", "reptile", "animal", "person", "car", "truck", "bus", "train", "boat",
        "aircraft", "bicycle", "motorcycle", "vehicle", "fruit", "vegetable", "drink", "coffee", "food", "flower",
        "plant", "mushroom", "furniture", "shop", "building", "bridge", "musical instrument", "shoe", "clothing",
        "ball", "tool", "computer", "camera", "appliance", "clock", "toy", "rocket", "electronics", "container",
        "beach", "sea", "lake", "mountain", "golden retriever", "teddy bear", "sports car", "pizza",
    ]
}
