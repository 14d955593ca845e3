import Foundation
import GailleryClassifier
import GailleryCore
import GailleryProtocol
import GailleryStore
import GailleryVision
import Logging

/// The stages one ingest job runs, in order: decode and validate (with EXIF and the thumbnail), then
/// classification (top-5 labels and everyday tags). `classify` jobs (reclassification, or photos that
/// waited for a classifier) skip decoding. Each status change is stored, published as a
/// `photo.status` event, and final ones wake `photos.wait`.
package struct IngestStage: Sendable {
    /// Jobs interrupted this many times (the daemon died each time it ran them) fail instead of retrying.
    package static let maxAttempts = 3

    let store: PhotoStore
    let classifier: ClassifierService
    let events: EventHub
    let waiters: StatusWaiters
    let maxPixels: Int
    let thumbnailSize: Int
    let logger: Logger

    /// Runs every stage of `job` on the calling (worker) thread.
    func run(_ job: JobRecord) {
        do {
            try process(job)
        } catch {
            // The index itself failed (disk full, I/O error): leave the job for the next start.
            logger.error("ingest job could not be recorded", metadata: ["photo": "\(job.photoID)", "error": "\(error)"])
        }
    }

    private func process(_ job: JobRecord) throws {
        guard let photo = try store.photo(job.photoID) else {
            try store.finishJob(job.id, photo: job.photoID, status: .failed, error: nil)
            return
        }
        if job.attempts >= Self.maxAttempts {
            finish(job, .failed, "gave up after \(job.attempts) interrupted attempts; the daemon stopped each time it "
                + "processed this photo; report it with the daemon's log")
            return
        }
        let path = store.blobs.originalPath(sha256: photo.sha256, fileExtension: photo.format.fileExtension)
        let bytes: [UInt8]
        do {
            bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            finish(job, .failed, "the original at \(path) cannot be read: \(error.localizedDescription)")
            return
        }
        if job.kind != "classify" {
            try store.beginStage(job: job.id, photo: job.photoID, status: .decoding)
            publishStatus(job.photoID, .decoding, nil)
            do {
                try decode(bytes, photo: photo)
            } catch let error as ImageError {
                finish(job, .failed, "decoding failed: \(error)")
                return
            }
        }
        guard let loaded = classifier.loaded else {
            // No classifier (yet): the photo waits, decoded, for one rather than failing.
            try store.parkForClassifier(job: job.id, photo: job.photoID)
            publishStatus(job.photoID, .queued, nil)
            return
        }
        try store.beginStage(job: job.id, photo: job.photoID, status: .classifying)
        publishStatus(job.photoID, .classifying, nil)
        do {
            let (labels, tags) = try ClassifierService.classify(bytes, with: loaded, maxPixels: maxPixels)
            try store.recordClassification(job.photoID, labels: labels, tags: tags)
        } catch let error as ClassifierError {
            finish(job, .failed, "classification failed: \(error)")
            return
        }
        finish(job, .done, nil)
    }

    /// The decode stage: thumbnail, size, orientation and capture date.
    private func decode(_ bytes: [UInt8], photo: PhotoRecord) throws {
        let thumbnail = try ImageCodec.makeThumbnail(from: bytes, longSide: thumbnailSize, maxPixels: maxPixels)
        try thumbnail.jpeg.withUnsafeBytes { try store.blobs.write($0, at: store.blobs.thumbnailPath(sha256: photo.sha256)) }
        let metadata = thumbnail.metadata
        try store.recordMetadata(
            photo.id,
            DecodedMetadata(
                width: metadata.width, height: metadata.height, orientation: metadata.orientation.rawValue,
                takenAt: metadata.takenAt))
    }

    private func finish(_ job: JobRecord, _ status: PhotoStatus, _ error: String?) {
        do {
            try store.finishJob(job.id, photo: job.photoID, status: status, error: error)
        } catch {
            logger.error("could not finish ingest job", metadata: ["photo": "\(job.photoID)", "error": "\(error)"])
            return
        }
        publishStatus(job.photoID, status, error)
        waiters.finished(job.photoID)
    }

    private func publishStatus(_ id: PhotoID, _ status: PhotoStatus, _ error: String?) {
        events.publish(
            EventNotification.Topic.photoStatus, PhotosWait.Item(id: id.rawValue, status: status.rawValue, error: error))
    }
}
