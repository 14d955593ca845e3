import Foundation
import GailleryClassifier
import GailleryCore
import GailleryProtocol
import GailleryStore
import GailleryVision
import Logging

/// The stages one ingest job runs, in order: decode and validate (EXIF, thumbnail and the model's
/// input tensor from one decode), inference (batched by `IngestPipeline`), then storing the top-5
/// labels and everyday tags. `classify` jobs (reclassification, or photos that waited for a
/// classifier) skip the thumbnail. Each status change is stored, published as a `photo.status` event,
/// and final ones wake `photos.wait`.
package struct IngestStage: Sendable {
    /// Jobs interrupted this many times (the daemon died each time it ran them) fail instead of retrying.
    package static let maxAttempts = 3

    /// The index and the originals.
    let store: PhotoStore
    /// The model (when loaded), batch size and inference threads.
    let classifier: ClassifierService
    /// Where `photo.status` events go.
    let events: EventHub
    /// `photos.wait` callers to wake when a photo is done or failed.
    let waiters: StatusWaiters
    /// Images with more pixels than this fail.
    let maxPixels: Int
    /// The thumbnail's long side, in pixels.
    let thumbnailSize: Int
    /// The daemon's logger.
    let logger: Logger
    /// Cumulative per-stage timers (`daemon.status` → `pipeline`).
    let clock = StageClock()

    /// The decode stage of `job`, on a decode worker thread: a tensor ready for inference, or nil when
    /// the job ended here (failed, parked until a classifier loads, or left for the next start because
    /// the index could not be written).
    func prepare(_ job: JobRecord) -> PreparedPhoto? {
        do {
            return try prepareOrFinish(job)
        } catch {
            // The index itself failed (disk full, I/O error): leave the job for the next start.
            logger.error("ingest job could not be recorded", metadata: ["photo": "\(job.photoID)", "error": "\(error)"])
            return nil
        }
    }

    private func prepareOrFinish(_ job: JobRecord) throws -> PreparedPhoto? {
        guard let photo = try store.photo(job.photoID) else {
            try store.finishJob(job.id, photo: job.photoID, status: .failed, error: nil)
            return nil
        }
        if job.attempts >= Self.maxAttempts {
            finish(job, .failed, "gave up after \(job.attempts) interrupted attempts; the daemon stopped each time it "
                + "processed this photo; report it with the daemon's log")
            return nil
        }
        let loaded = classifier.loaded
        let thumbnail = job.kind != "classify"
        guard thumbnail || loaded != nil else { return try park(job) }
        try clock.measure(.store) {
            try store.beginStage(job: job.id, photo: job.photoID, status: thumbnail ? .decoding : .classifying)
        }
        publishStatus(job.photoID, thumbnail ? .decoding : .classifying, nil)
        let decoded: DecodedPhoto
        do {
            decoded = try decode(photo, thumbnail: thumbnail, preprocessing: loaded?.classifier.preprocessing)
        } catch let error as ImageError {
            finish(job, .failed, "decoding failed: \(error)")
            return nil
        } catch let error as CannotRead {
            finish(job, .failed, error.message)
            return nil
        }
        if thumbnail { try record(decoded, of: photo) }
        guard let loaded, let image = decoded.image else { return try park(job) }
        let tensor: [Float]
        do throws(ClassifierError) {
            tensor = try clock.measure(.preprocess) { () throws(ClassifierError) in
                try loaded.classifier.preprocessing.tensor(
                    from: image, fullWidth: decoded.metadata.width, fullHeight: decoded.metadata.height)
            }
        } catch {
            finish(job, .failed, "classification failed: \(error)")
            return nil
        }
        if thumbnail {
            // Same run, same attempt: a status change only (beginStage would count a second attempt).
            try clock.measure(.store) { try store.setStatus(job.photoID, .classifying) }
            publishStatus(job.photoID, .classifying, nil)
        }
        return PreparedPhoto(job: job, tensor: tensor, loaded: loaded)
    }

    /// No classifier (yet): the photo waits, decoded, for one rather than failing.
    private func park(_ job: JobRecord) throws -> PreparedPhoto? {
        try clock.measure(.store) { try store.parkForClassifier(job: job.id, photo: job.photoID) }
        publishStatus(job.photoID, .queued, nil)
        return nil
    }

    /// Stores the thumbnail and what decoding found.
    private func record(_ decoded: DecodedPhoto, of photo: PhotoRecord) throws {
        guard let jpeg = decoded.thumbnail else { return }
        try clock.measure(.store) {
            try jpeg.withUnsafeBytes { try store.blobs.write($0, at: store.blobs.thumbnailPath(sha256: photo.sha256)) }
            let metadata = decoded.metadata
            try store.recordMetadata(
                photo.id,
                DecodedMetadata(
                    width: metadata.width, height: metadata.height, orientation: metadata.orientation.rawValue,
                    takenAt: metadata.takenAt))
        }
    }

    /// Ends `job` with a final status (logged, not thrown, when the index cannot be written).
    func finish(_ job: JobRecord, _ status: PhotoStatus, _ error: String?) {
        do {
            try clock.measure(.store) { try store.finishJob(job.id, photo: job.photoID, status: status, error: error) }
        } catch {
            logger.error("could not finish ingest job", metadata: ["photo": "\(job.photoID)", "error": "\(error)"])
            return
        }
        publishStatus(job.photoID, status, error)
        waiters.finished(job.photoID)
    }

    func publishStatus(_ id: PhotoID, _ status: PhotoStatus, _ error: String?) {
        events.publish(
            EventNotification.Topic.photoStatus, PhotosWait.Item(id: id.rawValue, status: status.rawValue, error: error))
    }
}

/// A photo decoded and preprocessed, waiting for the inference thread.
struct PreparedPhoto: Sendable {
    /// Its job.
    let job: JobRecord
    /// The model's input, `preprocessing.tensorCount` floats.
    let tensor: [Float]
    /// The classifier that made the tensor and will run it.
    let loaded: ClassifierService.Loaded
}
