import CONNXRuntime
import Foundation

/// What one run of the classifier's session returns: the probabilities of every image, and their
/// embeddings when the model has that output.
struct ClassifierOutputs {
    /// `count × classes` probabilities, image after image.
    var probabilities: [Float]
    /// `count × size` raw embeddings, image after image (empty when the model has none).
    var embeddings: [Float]
    /// Values per embedding (0 when the model has none).
    var embeddingSize: Int

    /// Image `index`'s embedding, L2-normalised, or nil when the model has none.
    func embedding(of index: Int) -> [Float]? {
        guard embeddingSize > 0 else { return nil }
        return Embedding.normalized(embeddings[(index * embeddingSize)..<((index + 1) * embeddingSize)])
    }
}

/// Helpers for the classifier's embedding output.
package enum Embedding {
    /// `values` divided by their L2 norm (all zeros stay zeros: a photo with no features matches nothing).
    package static func normalized<C: Collection<Float>>(_ values: C) -> [Float] {
        var sum: Double = 0
        for value in values { sum += Double(value) * Double(value) }
        guard sum > 0 else { return Array(values) }
        let scale = Float(1 / sum.squareRoot())
        return values.map { $0 * scale }
    }
}

extension ImageClassifier {
    /// Runs the session on `count` tensors and copies its outputs out of ONNX Runtime's buffers.
    /// - Throws: `ClassifierError` `.inference` when the run fails or an output has an unexpected size.
    func run(tensors: [Float], count: Int) throws(ClassifierError) -> ClassifierOutputs {
        var outputs = [SessionRun.Output(name: manifest.outputs.probabilities, count: count * manifest.classes)]
        if let embedding = manifest.embedding {
            outputs.append(SessionRun.Output(name: embedding.output, count: count * embedding.size))
        }
        let values = try SessionRun.run(
            session, lock: lock, modelID: manifest.id, inputName: manifest.input.name, side: manifest.input.size,
            count: count, tensors: tensors, outputs: outputs)
        guard let embedding = manifest.embedding else {
            return ClassifierOutputs(probabilities: values[0], embeddings: [], embeddingSize: 0)
        }
        return ClassifierOutputs(probabilities: values[0], embeddings: values[1], embeddingSize: embedding.size)
    }
}
