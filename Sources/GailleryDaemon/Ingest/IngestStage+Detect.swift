import GailleryClassifier
import GailleryStore
import GailleryVision

/// The person detector's input for one photo, made in the decode stage from the same decoded frame as
/// the classifier's tensor.
struct DetectorInput: Sendable {
    /// `PersonDetector.tensorCount` floats.
    let tensor: [Float]
    /// Where the photo sits in the square input.
    let letterbox: PersonDecoding.Letterbox
}

extension IngestStage {
    /// The detector's input for `image` (any decode scale), or nil when no detector is loaded.
    func detectorInput(_ image: RGBImage, for loaded: ClassifierService.Loaded) -> DetectorInput? {
        guard let detector = loaded.detector else { return nil }
        return clock.measure(.preprocess) {
            let (tensor, letterbox) = detector.tensor(from: image)
            return DetectorInput(tensor: tensor, letterbox: letterbox)
        }
    }

    /// Runs the detector on a batch's photos in one ONNX Runtime call, on the inference thread, after the
    /// classifier. Nil for a photo without an input; when the run fails, every photo of the batch is
    /// stored without a detection (logged): the classifier's labels are still worth keeping.
    func detectPeople(_ batch: [PreparedPhoto]) -> [PersonDetection?] {
        guard let detector = batch.first?.loaded.detector else { return batch.map { _ in nil } }
        let inputs = batch.compactMap(\.detectorInput)
        guard inputs.count == batch.count else { return batch.map { _ in nil } }
        do throws(ClassifierError) {
            let found = try clock.measure(.infer) { () throws(ClassifierError) in
                try detector.detect(
                    tensors: inputs.flatMap(\.tensor), letterboxes: inputs.map(\.letterbox),
                    threshold: PersonDetector.tagThreshold)
            }
            return found
        } catch {
            logger.warning(
                "person detection failed; the photos are stored without it",
                metadata: ["photos": "\(batch.map(\.job.photoID))", "error": "\(error)"])
            return batch.map { _ in nil }
        }
    }
}
