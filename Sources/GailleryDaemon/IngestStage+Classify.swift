import GailleryClassifier
import GailleryCore
import GailleryStore

/// A photo whose inference is over: what to store, or why it failed.
struct ClassifiedPhoto: Sendable {
    /// Its job.
    let job: JobRecord
    /// The top-5 labels and everyday tags, or the failure message for the photo's status.
    let outcome: Result<ClassifierService.Records, InferenceFailure>
}

/// Why inference failed for one photo (the message goes into the photo's `error`).
struct InferenceFailure: Error {
    /// "classification failed: ...".
    var message: String
}

extension IngestStage {
    /// Runs one batch of prepared photos through the model in a single ONNX Runtime call, on the
    /// inference thread. When the run fails, each photo is retried alone, so one photo that breaks the
    /// run fails by itself and the others still get their labels.
    func infer(_ batch: [PreparedPhoto]) -> [ClassifiedPhoto] {
        guard let loaded = batch.first?.loaded else { return [] }
        let results: [Classification]
        do throws(ClassifierError) {
            results = try clock.measure(.infer) { () throws(ClassifierError) in
                var tensors: [Float] = []
                tensors.reserveCapacity(batch.count * loaded.classifier.preprocessing.tensorCount)
                for photo in batch { tensors += photo.tensor }
                return try loaded.classifier.classify(tensors: tensors, count: batch.count)
            }
            clock.countBatch(size: batch.count)
        } catch {
            guard batch.count == 1 else { return batch.flatMap { infer([$0]) } }
            let failure = InferenceFailure(message: "classification failed: \(error)")
            return [ClassifiedPhoto(job: batch[0].job, outcome: .failure(failure))]
        }
        return zip(batch, results).map { photo, result in
            ClassifiedPhoto(job: photo.job, outcome: .success(ClassifierService.records(for: result, with: loaded)))
        }
    }

    /// Stores a classified photo's labels and tags and finishes its job (done, or failed with the
    /// message), on the store thread. An index that cannot be written is logged and the job is left
    /// for the next start, as in the decode stage.
    func store(_ photo: ClassifiedPhoto) {
        switch photo.outcome {
        case .success(let records):
            do {
                try clock.measure(.store) {
                    try store.recordClassification(photo.job.photoID, labels: records.labels, tags: records.tags)
                }
            } catch {
                logger.error(
                    "ingest job could not be recorded", metadata: ["photo": "\(photo.job.photoID)", "error": "\(error)"])
                return
            }
            finish(photo.job, .done, nil)
        case .failure(let failure):
            finish(photo.job, .failed, failure.message)
        }
    }
}
