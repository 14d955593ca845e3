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
/// classifier) skip the thumbnail. Each status change is stored and published as a `photo.status`
/// event: the transient ones (`decoding`, `classifying`) without fsync, the final ones (with the
/// thumbnail, metadata, labels and tags) in the store thread's write batches, each an fsynced group
/// commit after which its photos are announced and `photos.wait` is woken.
package struct IngestStage: Sendable {
    /// Jobs interrupted this many times while decoding (the daemon died each time a worker was decoding
    /// the photo; see `PhotoStore.beginStage`) fail instead of retrying.
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
    /// Bounds the decoded pixels the decode workers hold at once (huge PNGs decode one at a time).
    let decodeBudget = DecodeBudget()

    /// How a job came out of the decode stage.
    enum Prepared {
        /// Decoded: on to inference.
        case next(PreparedPhoto)
        /// The job ended here (failed, parked until a classifier loads, or left for the next start
        /// because the index could not be written); the final status to announce, if any. The caller
        /// counts the job out of the pipeline first, so that whoever is woken sees it gone.
        case ended(Ending?)
        /// The disk holding the data directory is full: nothing is wrong with the photo, so the job goes
        /// back to the pipeline, which retries it once space may be back (`IngestPipeline.retryLater`).
        case retry
    }

    /// A final status stored in the index and not yet announced (see `announce`).
    struct Ending {
        let photo: PhotoID
        let status: PhotoStatus
        let error: String?
    }

    /// The decode stage of `job`, on a decode worker thread.
    func prepare(_ job: JobRecord) -> Prepared {
        do {
            return try prepareOrFinish(job)
        } catch  where StoreError.isStorageFull(error) {
            return .retry
        } catch {
            // The index itself failed (an I/O error): leave the job for the next start.
            logger.error(
                "ingest job could not be recorded", metadata: ["photo": "\(job.photoID)", "error": "\(error)"])
            return .ended(nil)
        }
    }

    private func prepareOrFinish(_ job: JobRecord) throws -> Prepared {
        guard let photo = try store.photo(job.photoID) else {
            try store.finishJob(job.id, photo: job.photoID, status: .failed, error: nil)
            return .ended(nil)
        }
        if job.attempts >= Self.maxAttempts {
            return .ended(
                try finish(
                    job, .failed,
                    "gave up after \(job.attempts) interrupted attempts; the daemon stopped each time it "
                        + "decoded this photo; report it with the daemon's log"))
        }
        let loaded = classifier.loaded
        let thumbnail = job.kind != "classify"
        guard thumbnail || loaded != nil else { return try park(job) }
        // Without fsync (see `PhotoStore.beginStage`): transient status, crash-counted attempt.
        try clock.measure(.store) {
            try store.beginStage(
                job: job.id, attempt: job.attempts + 1, photo: job.photoID, status: thumbnail ? .decoding : .classifying
            )
        }
        publishStatus(job.photoID, thumbnail ? .decoding : .classifying, nil)
        let decoded: DecodedPhoto
        do {
            decoded = try decode(photo, thumbnail: thumbnail, preprocessing: loaded?.classifier.preprocessing)
        } catch let error as ImageError {
            return .ended(try finish(job, .failed, "decoding failed: \(error)"))
        } catch let error as CannotRead {
            return .ended(try finish(job, .failed, error.message))
        }
        let found = thumbnail ? DecodedRecord(decoded, of: photo, thumbnailPath: store.blobs) : nil
        guard let loaded, let image = decoded.image else {
            try storeThumbnail(found)
            return try park(job, metadata: found?.metadata)
        }
        let tensor: [Float]
        do throws(ClassifierError) {
            tensor = try clock.measure(.preprocess) { () throws(ClassifierError) in
                try loaded.classifier.preprocessing.tensor(
                    from: image, fullWidth: decoded.metadata.width, fullHeight: decoded.metadata.height)
            }
        } catch {
            try storeThumbnail(found)
            return .ended(try finish(job, .failed, "classification failed: \(error)", metadata: found?.metadata))
        }
        // Decoding passed: the attempt no longer counts, and an ingest job's photo is classifying. Queued
        // behind the writer without waiting for it; the event goes out once it is committed (it always
        // lands before the final commit).
        store.passedDecoding(job: job.id, photo: job.photoID) { [self] result in
            switch result {
            case .success(true): publishStatus(job.photoID, .classifying, nil)
            case .success(false): break
            case .failure(let error):
                logger.warning(
                    "could not record that decoding passed", metadata: ["photo": "\(job.photoID)", "error": "\(error)"])
            }
        }
        // The perceptual hash of the whole decoded frame ("more like this", duplicates); 0.1 ms.
        let hash = clock.measure(.preprocess) { PerceptualHash(image).bits }
        var prepared = PreparedPhoto(job: job, tensor: tensor, loaded: loaded, decoded: found, hash: hash)
        prepared.detectorInput = detectorInput(image, for: loaded)
        return .next(prepared)
    }

    /// No classifier (yet): the photo waits, decoded, for one rather than failing; what decoding found
    /// is stored in the same transaction.
    private func park(_ job: JobRecord, metadata: DecodedMetadata? = nil) throws -> Prepared {
        try clock.measure(.store) {
            try store.parkForClassifier(job: job.id, photo: job.photoID, metadata: metadata)
        }
        publishStatus(job.photoID, .queued, nil)
        return .ended(nil)
    }

    /// Stores the thumbnail durably, before the index row that goes with it (photos that do not reach
    /// the store thread's write batches: parked, or failed in preprocessing).
    private func storeThumbnail(_ found: DecodedRecord?) throws {
        guard let thumbnail = found?.thumbnail else { return }
        try clock.measure(.store) { try store.blobs.write([thumbnail]) }
    }

    /// Ends `job` with a final status (and what decoding found, when given) in the index; nil (logged,
    /// not thrown) when it cannot be written.
    ///
    /// - Throws: the error when the disk is full (`StoreError.isStorageFull`), so that the job is retried.
    private func finish(
        _ job: JobRecord, _ status: PhotoStatus, _ error: String?, metadata: DecodedMetadata? = nil
    ) throws -> Ending? {
        do {
            try clock.measure(.store) {
                try store.finishJob(job.id, photo: job.photoID, status: status, error: error, metadata: metadata)
            }
        } catch  where StoreError.isStorageFull(error) {
            throw error
        } catch {
            logger.error("could not finish ingest job", metadata: ["photo": "\(job.photoID)", "error": "\(error)"])
            return nil
        }
        return Ending(photo: job.photoID, status: status, error: error)
    }

    /// Publishes a stored final status as a `photo.status` event and wakes `photos.wait`.
    func announce(_ ending: Ending) {
        publishStatus(ending.photo, ending.status, ending.error)
        waiters.finished(ending.photo)
    }

    func publishStatus(_ id: PhotoID, _ status: PhotoStatus, _ error: String?) {
        events.publish(
            EventNotification.Topic.photoStatus, PhotosWait.Item(id: id.rawValue, status: status.rawValue, error: error)
        )
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
    /// The thumbnail and metadata to store with the outcome (ingest jobs), nil for classify jobs.
    let decoded: DecodedRecord?
    /// The decoded frame's perceptual hash (`PerceptualHash.bits`), stored with the embedding.
    var hash: UInt64 = 0
    /// The person detector's input, when a detector is loaded.
    var detectorInput: DetectorInput? = nil
}

/// What the decode stage found that the store thread writes with the photo's outcome.
struct DecodedRecord: Sendable {
    /// The photo.
    let photo: PhotoID
    /// Displayed size, orientation, capture date.
    let metadata: DecodedMetadata
    /// The thumbnail JPEG and where it goes, when one was made.
    let thumbnail: (bytes: [UInt8], path: String)?

    /// The record of `decoded` for `photo`, its thumbnail bound for `blobs`' thumbnail path.
    init(_ decoded: DecodedPhoto, of photo: PhotoRecord, thumbnailPath blobs: BlobStore) {
        self.photo = photo.id
        let found = decoded.metadata
        metadata = DecodedMetadata(
            width: found.width, height: found.height, orientation: found.orientation.rawValue, takenAt: found.takenAt)
        thumbnail = decoded.thumbnail.map { ($0, blobs.thumbnailPath(sha256: photo.sha256)) }
    }
}
