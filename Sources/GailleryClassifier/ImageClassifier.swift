import CONNXRuntime
import Foundation
import GailleryVision

/// One ImageNet model loaded into an ONNX Runtime session: preprocesses photos as the model was trained
/// and classifies them in batches. Synchronous and blocking: call it from a worker thread, never from
/// the cooperative pool.
///
/// `@unchecked Sendable`: the session handle is owned by this object and every use of it holds `lock`.
/// ONNX Runtime would accept concurrent runs on one session, but each would spread over the same
/// intra-op threads (oversubscribing the cores) and allocate its own activations (raising peak memory);
/// one run at a time, with batching for throughput, keeps both bounded.
package final class ImageClassifier: @unchecked Sendable {
    /// The model's manifest.
    package let manifest: ModelManifest
    /// One label per output class.
    package let labels: [ClassLabel]
    /// How photos become input tensors for this model.
    package let preprocessing: Preprocessing
    /// The runtime the session lives in (kept alive as long as the session).
    package let runtime: OnnxRuntime

    /// The ONNX Runtime session (used under `lock` only).
    let session: OpaquePointer
    /// Held for each run (see the type's comment).
    let lock = NSLock()

    /// Loads `manifest`'s model and labels from `modelsDirectory` into a CPU session.
    /// - Parameters:
    ///   - intraOpThreads: Threads per run (ONNX Runtime's intra-op pool, caller included); 0 lets
    ///     ONNX Runtime choose (one per core). The daemon passes its core count.
    ///   - allowSpinning: Whether idle intra-op threads spin before sleeping (ONNX Runtime's default,
    ///     lowest latency); `false` frees the cores sooner for decoding between runs.
    /// - Throws: `ClassifierError` `.modelFiles` (missing or wrong-sized ONNX file, bad labels) or
    ///   `.inference` (ONNX Runtime refused the model).
    package init(
        manifest: ModelManifest, modelsDirectory: URL, runtime: OnnxRuntime, intraOpThreads: Int = 0,
        allowSpinning: Bool = true
    ) throws(ClassifierError) {
        guard intraOpThreads >= 0 else { throw .invalidArgument("intraOpThreads must be >= 0, got \(intraOpThreads)") }
        let model = modelsDirectory.appendingPathComponent(manifest.file)
        try Self.checkModelFile(model, manifest: manifest)
        labels = try ClassLabels.load(
            from: modelsDirectory.appendingPathComponent(manifest.labels), classes: manifest.classes)
        var options = gort_session_options(
            intra_op_threads: Int32(clamping: intraOpThreads), inter_op_threads: 1,
            allow_spinning: allowSpinning ? 1 : 0)
        var handle: OpaquePointer?
        var message = gort_message()
        // Opened without fixed outputs: a run fetches the probabilities and, when the model has it, the
        // embedding (see `ImageClassifier+Embedding.swift`).
        let status = gort_session_open(runtime.handle, model.path, &options, &handle, &message)
        guard status == GORT_OK, let handle else { throw .inference(message.string) }
        self.manifest = manifest
        self.preprocessing = Preprocessing(manifest)
        self.runtime = runtime
        self.session = handle
    }

    deinit { gort_session_release(session) }

    /// Classifies upright RGB images in one batch.
    /// - Parameter top: How many predictions to keep per image (the probability vector is always whole).
    /// - Returns: One classification per image, in order.
    /// - Throws: `ClassifierError` `.image` (extreme aspect ratio) or `.inference`.
    package func classify(_ images: [RGBImage], top: Int = 5) throws(ClassifierError) -> [Classification] {
        var batch: [Float] = []
        batch.reserveCapacity(images.count * preprocessing.tensorCount)
        for image in images { batch += try preprocessing.tensor(from: image) }
        return try classify(tensors: batch, count: images.count, top: top)
    }

    /// Classifies `count` preprocessed images stored back to back in `tensors` (each
    /// `preprocessing.tensorCount` floats, as `Preprocessing` makes them).
    /// - Throws: `ClassifierError` `.invalidArgument` for a size mismatch, `.inference` when the run fails.
    package func classify(tensors: [Float], count: Int, top: Int = 5) throws(ClassifierError) -> [Classification] {
        guard count >= 0, tensors.count == count * preprocessing.tensorCount else {
            throw .invalidArgument(
                "\(tensors.count) floats are not \(count) tensors of \(preprocessing.tensorCount) floats")
        }
        guard count > 0 else { return [] }
        let outputs = try run(tensors: tensors, count: count)
        let classes = manifest.classes
        return (0..<count).map { image in
            Classification(
                modelID: manifest.id,
                probabilities: Array(outputs.probabilities[(image * classes)..<((image + 1) * classes)]),
                labels: labels, top: top, embedding: outputs.embedding(of: image))
        }
    }

    /// Checks the ONNX file exists and has the manifest's size (a cheap guard against a truncated copy).
    /// A symbolic link is followed: the size checked is the model's, not the link's.
    private static func checkModelFile(_ url: URL, manifest: ModelManifest) throws(ClassifierError) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw .modelFile(url.path, "model \(manifest.id) is not installed (no such file)")
        }
        guard size == manifest.bytes else {
            throw .modelFile(url.path, "is \(size) bytes but the manifest says \(manifest.bytes)")
        }
    }
}

extension ImageClassifier {
    /// The input tensor for `image` under `manifest`'s preprocessing (see `Preprocessing`).
    /// - Throws: `ClassifierError` `.image` for an aspect ratio over `Preprocessing.maximumAspectRatio`.
    package static func preprocess(_ image: RGBImage, manifest: ModelManifest) throws(ClassifierError) -> [Float] {
        try Preprocessing(manifest).tensor(from: image)
    }
}
