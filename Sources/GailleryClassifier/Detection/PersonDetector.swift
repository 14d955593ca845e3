import CONNXRuntime
import Foundation
import GailleryVision
import GailleryCore

/// MediaPipe's BlazePose person detector in an ONNX Runtime session: letterboxes photos to its square
/// input and finds people in batches. It says "someone is here" with a confidence; on group photos it
/// usually returns one box, so it does not count people. Synchronous and blocking: call it from a worker
/// thread, never from the cooperative pool.
///
/// `@unchecked Sendable`: the session handle is owned by this object and every run holds `lock`, for the
/// same reasons as `ImageClassifier` (one run at a time keeps threads and activations bounded).
package final class PersonDetector: @unchecked Sendable {
    /// The manifest.
    package let manifest: PersonDetectorManifest
    /// The anchors and box decoding.
    package let decoding: PersonDecoding
    /// The runtime the session lives in (kept alive as long as the session).
    package let runtime: OnnxRuntime

    /// The confidence from which a photo is tagged `person`, calibrated on photos kept apart from those
    /// the figures in Benchmarks/README.md are measured on (`gaillery-bench people` prints the fit): the
    /// midpoint between the highest non-person and the lowest person confidence of the calibration set.
    package static let tagThreshold = 0.53

    private let session: OpaquePointer
    private let lock = NSLock()

    /// Loads `models/pose-detection.json` and its ONNX file from `modelsDirectory` into a CPU session.
    /// - Parameters:
    ///   - intraOpThreads: Threads per run; 0 lets ONNX Runtime choose (one per core).
    ///   - allowSpinning: Whether idle intra-op threads spin before sleeping.
    /// - Throws: `ClassifierError` `.modelFiles` (missing manifest or model, wrong size, anchors that do
    ///   not match the manifest) or `.inference` (ONNX Runtime refused the model).
    package init(
        modelsDirectory: URL, runtime: OnnxRuntime, intraOpThreads: Int = 0, allowSpinning: Bool = true
    ) throws(ClassifierError) {
        guard intraOpThreads >= 0 else { throw .invalidArgument("intraOpThreads must be >= 0, got \(intraOpThreads)") }
        let manifest = try PersonDetectorManifest.load(modelsDirectory: modelsDirectory)
        let model = modelsDirectory.appendingPathComponent(manifest.onnx)
        let attributes = try? FileManager.default.attributesOfItem(atPath: model.resolvingSymlinksInPath().path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw .modelFile(model.path, "the person detector is not installed (no such file)")
        }
        guard size == manifest.bytes else {
            throw .modelFile(model.path, "is \(size) bytes but the manifest says \(manifest.bytes)")
        }
        let decoding = PersonDecoding(
            strides: manifest.decode.strides, anchorsPerLayer: manifest.decode.anchorsPerLayer,
            inputSize: manifest.input.size)
        guard decoding.anchors.count == manifest.decode.count else {
            throw .modelFile(
                modelsDirectory.appendingPathComponent(PersonDetectorManifest.fileName).path,
                "its strides make \(decoding.anchors.count) anchors, not \(manifest.decode.count)")
        }
        var options = gort_session_options(
            intra_op_threads: Int32(clamping: intraOpThreads), inter_op_threads: 1,
            allow_spinning: allowSpinning ? 1 : 0)
        var handle: OpaquePointer?
        var message = gort_message()
        let status = gort_session_open(runtime.handle, model.path, &options, &handle, &message)
        guard status == GORT_OK, let handle else { throw .inference("\(manifest.id): \(message.string)") }
        self.manifest = manifest
        self.decoding = decoding
        self.runtime = runtime
        self.session = handle
    }

    deinit { gort_session_release(session) }

    /// Floats per input tensor: 3 x size x size.
    package var tensorCount: Int { 3 * manifest.input.size * manifest.input.size }

    /// The input for one upright RGB image (any decode scale: only its aspect ratio matters): scaled to fit
    /// the square input (PIL's bilinear), centred on black, value = byte / 127.5 - 1, planar RGB.
    package func tensor(from image: RGBImage) -> (tensor: [Float], letterbox: PersonDecoding.Letterbox) {
        let size = manifest.input.size
        let box = PersonDecoding.Letterbox(photoWidth: image.width, photoHeight: image.height, size: size)
        let scaled = image.resized(width: box.width, height: box.height, filter: .bilinear)
        let plane = size * size
        // Black is 0 / 127.5 - 1.
        var tensor = [Float](repeating: -1, count: 3 * plane)
        scaled.pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<box.height {
                for column in 0..<box.width {
                    let source = (row * box.width + column) * 3
                    let target = (row + box.top) * size + column + box.left
                    for channel in 0..<3 {
                        tensor[channel * plane + target] = Float(pixels[source + channel]) / 127.5 - 1
                    }
                }
            }
        }
        return (tensor, box)
    }

    /// Finds people in upright RGB images in one batch (see `detect(tensors:letterboxes:threshold:)`).
    /// - Throws: `ClassifierError` `.inference`.
    package func detect(_ images: [RGBImage], threshold: Double) throws(ClassifierError) -> [PersonDetection] {
        let inputs = images.map(tensor(from:))
        return try detect(tensors: inputs.flatMap(\.tensor), letterboxes: inputs.map(\.letterbox), threshold: threshold)
    }

    /// Finds people in `letterboxes.count` inputs stored back to back in `tensors` (each `tensorCount`
    /// floats, as `tensor(from:)` makes them), keeping boxes whose probability is at least `threshold`.
    /// Each input is run twice in the same batch, as given and mirrored (see `PersonDetection.confidence`).
    /// - Throws: `ClassifierError` `.invalidArgument` for a size mismatch, `.inference` when the run fails.
    package func detect(
        tensors: [Float], letterboxes: [PersonDecoding.Letterbox], threshold: Double
    ) throws(ClassifierError) -> [PersonDetection] {
        let count = letterboxes.count
        guard tensors.count == count * tensorCount else {
            throw .invalidArgument("\(tensors.count) floats are not \(count) tensors of \(tensorCount) floats")
        }
        guard count > 0 else { return [] }
        let (boxes, logits) = try run(tensors: withMirrors(tensors, count: count), count: 2 * count)
        let anchors = decoding.anchors.count
        let perImage = anchors * PersonDecoding.valuesPerAnchor
        return boxes.withUnsafeBufferPointer { boxes in
            logits.withUnsafeBufferPointer { logits in
                (0..<count).map { image in
                    func scores(_ run: Int) -> UnsafeBufferPointer<Float> {
                        UnsafeBufferPointer(rebasing: logits[(run * anchors)..<((run + 1) * anchors)])
                    }
                    let asGiven = 2 * image
                    let confidence = min(
                        decoding.topScore(logits: scores(asGiven)), decoding.topScore(logits: scores(asGiven + 1)))
                    let found = decoding.decode(
                        boxes: UnsafeBufferPointer(rebasing: boxes[(asGiven * perImage)..<((asGiven + 1) * perImage)]),
                        logits: scores(asGiven), letterbox: letterboxes[image], threshold: threshold)
                    return PersonDetection(confidence: confidence, boxes: found)
                }
            }
        }
    }

    /// Each of the `count` planar tensors followed by its mirror image (every row reversed).
    private func withMirrors(_ tensors: [Float], count: Int) -> [Float] {
        let side = manifest.input.size
        let perImage = tensorCount
        return [Float](unsafeUninitializedCapacity: 2 * tensors.count) { out, initialized in
            tensors.withUnsafeBufferPointer { source in
                for image in 0..<count {
                    let from = image * perImage
                    let to = 2 * image * perImage
                    for index in 0..<perImage { out[to + index] = source[from + index] }
                    for row in 0..<(3 * side) {
                        let start = from + row * side
                        let target = to + perImage + row * side
                        for column in 0..<side { out[target + column] = source[start + side - 1 - column] }
                    }
                }
            }
            initialized = 2 * tensors.count
        }
    }

    /// One session run; both outputs copied out of ONNX Runtime's buffers.
    private func run(tensors: [Float], count: Int) throws(ClassifierError) -> (boxes: [Float], logits: [Float]) {
        let anchors = decoding.anchors.count
        let values = try SessionRun.run(
            session, lock: lock, modelID: manifest.id, inputName: manifest.input.name, side: manifest.input.size,
            count: count, tensors: tensors,
            outputs: [
                SessionRun.Output(
                    name: manifest.outputs.boxes, count: count * anchors * PersonDecoding.valuesPerAnchor),
                SessionRun.Output(name: manifest.outputs.scores, count: count * anchors),
            ])
        return (values[0], values[1])
    }
}
