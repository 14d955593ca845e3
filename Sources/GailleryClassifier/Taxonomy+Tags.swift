extension Taxonomy {
    /// The default floor below which a tag is not reported.
    package static let defaultMinimumConfidence = 0.05

    /// Every tag whose confidence reaches `minimumConfidence`, most confident first (ties by name).
    /// - Parameter probabilities: The model's full probability vector (one value per class; use the whole
    ///   vector, not the top 5, so that many small probabilities under one tag add up).
    /// - Precondition: `probabilities.count == labels.count`.
    package func tags(for probabilities: [Float], minimumConfidence: Double = defaultMinimumConfidence) -> [TagScore] {
        precondition(
            probabilities.count == labels.count,
            "\(probabilities.count) probabilities for a taxonomy of \(labels.count) classes")
        var sums = [Double](repeating: 0, count: tags.count)
        for (label, probability) in probabilities.enumerated() where probability > 0 {
            for tag in tagsOfLabel[label] { sums[tag] += Double(probability) }
        }
        var result: [TagScore] = []
        for (position, sum) in sums.enumerated() where sum >= minimumConfidence {
            var score = tags[position]
            score.confidence = min(sum, 1)
            result.append(score)
        }
        return result.sorted { ($0.confidence, $1.tag) > ($1.confidence, $0.tag) }
    }

    /// `tags(for:minimumConfidence:)` for a classification's probability vector.
    package func tags(for classification: Classification, minimumConfidence: Double = defaultMinimumConfidence)
        -> [TagScore]
    {
        tags(for: classification.probabilities, minimumConfidence: minimumConfidence)
    }
}
