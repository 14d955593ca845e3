import GailleryClassifier
import GailleryCore
import GailleryStore

/// A photo whose inference is over: what to store, or why it failed.
struct ClassifiedPhoto: Sendable {
    /// Its job.
    let job: JobRecord
    /// The thumbnail and metadata from decoding (ingest jobs).
    let decoded: DecodedRecord?
    /// The top-5 labels and everyday tags, or the failure message for the photo's status.
    let outcome: Result<ClassificationRecord, InferenceFailure>
    /// The embedding and perceptual hash, when the model has an embedding output.
    var appearance: AppearanceRecord? = nil
    /// What the person detector found, when it ran.
    var people: PersonDetectionRecord? = nil
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
            return [ClassifiedPhoto(job: batch[0].job, decoded: batch[0].decoded, outcome: .failure(failure))]
        }
        let people = detectPeople(batch)
        return zip(batch, zip(results, people)).map { photo, found in
            let (result, detection) = found
            var records = ClassifierService.records(for: result, with: loaded)
            var detected: PersonDetectionRecord?
            if let detection, let model = loaded.detector?.manifest.id {
                (records, detected) = ClassifierService.records(adding: detection, to: records, model: model)
            }
            return ClassifiedPhoto(
                job: photo.job, decoded: photo.decoded, outcome: .success(records),
                appearance: result.embedding.map {
                    AppearanceRecord(model: loaded.modelID, hash: photo.hash, embedding: $0)
                }, people: detected)
        }
    }

    /// What one write batch of the store thread came to.
    struct Stored {
        /// The final statuses committed, for the caller to `announce` once it has counted the photos out
        /// of the pipeline.
        var endings: [Ending] = []
        /// Jobs not stored because the disk is full, for the pipeline to retry.
        var retry: [JobRecord] = []
    }

    /// Records every classified photo of `photos` in one write batch, on the store thread: their
    /// thumbnails durably (one round of fsyncs), then metadata, labels, tags and final statuses in ONE
    /// transaction with fsync; only what that commit stored is returned for `announce` (the
    /// `photo.status` event and waking `photos.wait`), so a photo is reported done only once it is
    /// durably done. When the batch cannot be written, each photo is tried alone, so one bad write does
    /// not hold back the others; a photo whose write still fails is logged and its job left for the next
    /// start, as in the decode stage. When the disk is full, the whole batch is returned to be retried.
    func store(_ photos: [ClassifiedPhoto]) -> Stored {
        do {
            try clock.measure(.store) {
                try store.blobs.write(photos.compactMap { $0.decoded?.thumbnail })
                try store.finishJobs(photos.map(Self.outcome))
            }
        } catch {
            // A full disk holds back every photo alike: all wait, none is split out.
            if StoreError.isStorageFull(error) { return Stored(retry: photos.map(\.job)) }
            guard photos.count == 1 else {
                return photos.map { store([$0]) }.reduce(into: Stored()) { all, one in
                    all.endings += one.endings
                    all.retry += one.retry
                }
            }
            logger.error(
                "ingest job could not be recorded",
                metadata: ["photo": "\(photos[0].job.photoID)", "error": "\(error)"])
            return Stored()
        }
        return Stored(
            endings: photos.map { photo in
                let outcome = Self.outcome(photo)
                return Ending(photo: photo.job.photoID, status: outcome.status, error: outcome.error)
            })
    }

    private static func outcome(_ photo: ClassifiedPhoto) -> JobOutcome {
        switch photo.outcome {
        case .success(let records):
            var outcome = JobOutcome(
                job: photo.job.id, photo: photo.job.photoID, metadata: photo.decoded?.metadata,
                classification: records, status: .done, error: nil)
            outcome.appearance = photo.appearance
            outcome.people = photo.people
            return outcome
        case .failure(let failure):
            return JobOutcome(
                job: photo.job.id, photo: photo.job.photoID, metadata: photo.decoded?.metadata, classification: nil,
                status: .failed, error: failure.message)
        }
    }
}
