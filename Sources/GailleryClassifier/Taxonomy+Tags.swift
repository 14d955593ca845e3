extension Taxonomy {
    /// The default floor below which a tag is not reported.
    package static let defaultMinimumConfidence = 0.05

    /// The most implied tags (hypernyms such as "carnivore", not categories or class names) kept per
    /// photo, the most confident first. A confident photo has about 6; an uncertain one, whose top
    /// classes are unrelated, up to 20: each is one more `photo_tags` row to write and to index, and
    /// the least confident of them are the least useful (see Benchmarks/README.md, "Implied tags").
    package static let defaultMaximumImpliedTags = 10

    /// Every tag whose confidence reaches `minimumConfidence`, most confident first (ties by name), with at
    /// most `maximumImpliedTags` of the implied ones.
    /// - Parameter probabilities: The model's full probability vector (one value per class; use the whole
    ///   vector, not the top 5, so that many small probabilities under one tag add up).
    /// - Precondition: `probabilities.count == labels.count`.
    package func tags(
        for probabilities: [Float], minimumConfidence: Double = defaultMinimumConfidence,
        maximumImpliedTags: Int = defaultMaximumImpliedTags
    ) -> [TagScore] {
        precondition(
            probabilities.count == labels.count,
            "\(probabilities.count) probabilities for a taxonomy of \(labels.count) classes")
        var sums = [Double](repeating: 0, count: tags.count)
        for (label, probability) in probabilities.enumerated() where probability > 0 {
            for tag in tagsOfLabel[label] { sums[tag] += Double(probability) }
        }
        var result: [TagScore] = []
        var implied = 0
        // Sorted after the floor: a photo has tens of tags above it among about 1,800.
        let reached = sums.indices.filter { sums[$0] >= minimumConfidence }
        for position in reached { sums[position] = min(sums[position], 1) }
        for position in reached.sorted(by: { (sums[$0], tags[$1].tag) > (sums[$1], tags[$0].tag) }) {
            if isImplied[position] {
                implied += 1
                if implied > maximumImpliedTags { continue }
            }
            var score = tags[position]
            score.confidence = sums[position]
            result.append(score)
        }
        return result
    }

    /// `tags(for:minimumConfidence:)` for a classification's probability vector.
    package func tags(
        for classification: Classification, minimumConfidence: Double = defaultMinimumConfidence,
        maximumImpliedTags: Int = defaultMaximumImpliedTags
    ) -> [TagScore] {
        tags(
            for: classification.probabilities, minimumConfidence: minimumConfidence,
            maximumImpliedTags: maximumImpliedTags)
    }
}
