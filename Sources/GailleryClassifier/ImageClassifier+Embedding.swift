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
        let size = Int64(manifest.input.size)
        let shape: [Int64] = [Int64(count), 3, size, size]
        var names = [manifest.outputs.probabilities]
        if let embedding = manifest.embedding { names.append(embedding.output) }
        let cNames = names.map { strdup($0) }
        let inputName = strdup(manifest.input.name)
        defer {
            cNames.forEach { free($0) }
            free(inputName)
        }
        var results = [OpaquePointer?](repeating: nil, count: names.count)
        var message = gort_message()
        let status = tensors.withUnsafeBufferPointer { data in
            shape.withUnsafeBufferPointer { dims in
                var input = gort_input(
                    name: inputName, type: GORT_FLOAT, data: data.baseAddress, shape: dims.baseAddress,
                    rank: dims.count)
                let outputNames = cNames.map { UnsafePointer($0) }
                lock.lock()
                defer { lock.unlock() }
                return gort_session_run_tensors(
                    session, &input, 1, outputNames, outputNames.count, &results, &message)
            }
        }
        defer { results.forEach { gort_output_release($0) } }
        guard status == GORT_OK else { throw .inference("\(manifest.id): \(message.string)") }
        let probabilities = try Self.copy(results[0], expected: count * manifest.classes, name: names[0], manifest)
        guard let embedding = manifest.embedding else {
            return ClassifierOutputs(probabilities: probabilities, embeddings: [], embeddingSize: 0)
        }
        let embeddings = try Self.copy(results[1], expected: count * embedding.size, name: names[1], manifest)
        return ClassifierOutputs(probabilities: probabilities, embeddings: embeddings, embeddingSize: embedding.size)
    }

    private static func copy(
        _ output: OpaquePointer?, expected: Int, name: String, _ manifest: ModelManifest
    ) throws(ClassifierError) -> [Float] {
        guard let output, gort_output_count(output) == expected else {
            let found = output.map { gort_output_count($0) } ?? 0
            throw .inference(
                "\(manifest.id): output \(name) has \(found) values, expected \(expected); "
                    + "the model file does not match its manifest: run `make models`")
        }
        return Array(UnsafeBufferPointer(start: gort_output_data(output), count: expected))
    }
}
