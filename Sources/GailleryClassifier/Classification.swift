/// One of a photo's most probable classes.
package struct Prediction: Sendable, Hashable, CustomStringConvertible {
    /// The output index (ImageNet class), 0..<classes.
    package var index: Int
    /// The class's WordNet id, e.g. "n02123045".
    package var wnid: String
    /// The class's display name, e.g. "tabby".
    package var label: String
    /// The model's probability for this class, 0...1.
    package var probability: Double

    /// Memberwise initializer.
    package init(index: Int, wnid: String, label: String, probability: Double) {
        self.index = index
        self.wnid = wnid
        self.label = label
        self.probability = probability
    }

    /// "tabby 0.412 (#281)".
    package var description: String {
        "\(label) \((probability * 1000).rounded() / 1000) (#\(index))"
    }
}

/// A model's answer for one photo: the full probability vector and its top classes.
package struct Classification: Sendable, Hashable {
    /// The model that produced it.
    package var modelID: String
    /// One probability per class (softmax output), indexed like the labels.
    package var probabilities: [Float]
    /// The most probable classes, best first (ties: lower index first, as numpy's stable argsort).
    package var predictions: [Prediction]
    /// The photo's pooled features, L2-normalised (cosine similarity is their dot product); nil when the
    /// model has no embedding output.
    package var embedding: [Float]?

    /// Builds the top-`count` predictions from `probabilities`.
    init(modelID: String, probabilities: [Float], labels: [ClassLabel], top count: Int, embedding: [Float]? = nil) {
        self.modelID = modelID
        self.probabilities = probabilities
        self.embedding = embedding
        self.predictions = Self.topIndices(probabilities, count: count).map { index in
            Prediction(
                index: index, wnid: labels[index].wnid, label: labels[index].name,
                probability: Double(probabilities[index]))
        }
    }

    /// Indices of the `count` largest values, largest first, lower index first among equals.
    static func topIndices(_ values: [Float], count: Int) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(count + 1)
        for index in values.indices {
            // Insert after every kept entry that is >= this one (keeps earlier indices first on ties).
            var position = best.count
            while position > 0 && values[best[position - 1]] < values[index] { position -= 1 }
            if position < count {
                best.insert(index, at: position)
                if best.count > count { best.removeLast() }
            }
        }
        return best
    }
}
