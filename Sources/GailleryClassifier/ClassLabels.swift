import Foundation

/// One output class of an ImageNet model.
package struct ClassLabel: Decodable, Sendable, Hashable {
    /// The output index, 0..<classes.
    package var index: Int
    /// The WordNet id, e.g. "n02123045".
    package var wnid: String
    /// The display name, e.g. "tabby".
    package var name: String
}

/// The labels file a manifest names (`imagenet-labels.json`): one `ClassLabel` per output index.
package enum ClassLabels {
    private struct File: Decodable {
        var labels: [ClassLabel]
    }

    /// Reads the labels and checks there is exactly one per class, in index order.
    /// - Throws: `ClassifierError` `.modelFiles` naming the file and the problem.
    package static func load(from url: URL, classes: Int) throws(ClassifierError) -> [ClassLabel] {
        let labels = try JSONFile.decode(File.self, from: url).labels
        guard labels.count == classes else {
            throw .modelFile(url.path, "has \(labels.count) labels; the model has \(classes) classes")
        }
        if let wrong = labels.enumerated().first(where: { $0.offset != $0.element.index }) {
            throw .modelFile(url.path, "label at position \(wrong.offset) has index \(wrong.element.index)")
        }
        return labels
    }
}
