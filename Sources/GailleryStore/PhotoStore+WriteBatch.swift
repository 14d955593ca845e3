import Foundation
import GRDB
import GailleryCore

/// The final outcome of one ingest or classify job, as the store thread records it in a write batch.
package struct JobOutcome: Sendable {
    /// The job to delete.
    package var job: Int64
    /// Its photo.
    package var photo: PhotoID
    /// What decoding found (ingest jobs that got that far), stored with the outcome.
    package var metadata: DecodedMetadata?
    /// The top labels and everyday tags (done photos), replacing the model's previous ones.
    package var classification: ClassificationRecord?
    /// `done` or `failed`.
    package var status: PhotoStatus
    /// Why it failed (nil when done).
    package var error: String?
    /// What the person detector found (done photos, when it ran), replacing what it found before.
    package var people: PersonDetectionRecord?
    /// The embedding and perceptual hash (done photos of a model with an embedding), replacing the old ones.
    package var appearance: AppearanceRecord?

    /// An outcome; pass `classification` for a classified photo.
    package init(
        job: Int64, photo: PhotoID, metadata: DecodedMetadata?, classification: ClassificationRecord?,
        status: PhotoStatus, error: String?
    ) {
        self.job = job
        self.photo = photo
        self.metadata = metadata
        self.classification = classification
        self.status = status
        self.error = error
    }

    /// An outcome with tags spelled as text (tests); each must be canonical, others are left out.
    package init(
        job: Int64, photo: PhotoID, metadata: DecodedMetadata?, labels: [LabelRecord]?,
        tags: [(tag: String, confidence: Double)], status: PhotoStatus, error: String?
    ) {
        let tags = tags.compactMap { tag in
            TagName(rawValue: tag.tag).map { ModelTag(tag: $0, confidence: tag.confidence) }
        }
        self.init(
            job: job, photo: photo, metadata: metadata,
            classification: labels.map { ClassificationRecord(labels: $0, tags: tags) }, status: status, error: error)
    }
}

extension PhotoStore {
    /// Records the outcomes of many jobs in ONE transaction, committed with fsync (a group commit):
    /// each photo's metadata, labels and tags, and its final status, and each job deleted. When this
    /// returns, every outcome is durable; when it throws, none is (the transaction rolled back).
    ///
    /// - Throws: `DatabaseError` when the index cannot be written.
    package func finishJobs(_ outcomes: [JobOutcome]) throws {
        guard !outcomes.isEmpty else { return }
        try pool.write { db in
            let metadata = try db.cachedStatement(
                sql: "UPDATE photos SET width = ?, height = ?, orientation = ?, taken_at = ? WHERE id = ?")
            let finish = try db.cachedStatement(sql: "UPDATE photos SET status = ?, error = ? WHERE id = ?")
            let deleteJob = try db.cachedStatement(sql: "DELETE FROM jobs WHERE id = ?")
            for outcome in outcomes {
                let id = outcome.photo.rawValue
                if let found = outcome.metadata {
                    try metadata.execute(arguments: [found.width, found.height, found.orientation, found.takenAt, id])
                }
                if let found = outcome.classification {
                    let tags = found.tags.map { ($0.tag.rawValue, $0.confidence) }
                    try Self.replaceClassification(db, outcome.photo, labels: found.labels, tags: tags)
                }
                if let people = outcome.people { try Self.replacePersonDetection(db, outcome.photo, people) }
                if let appearance = outcome.appearance { try Self.replaceAppearance(db, outcome.photo, appearance) }
                try deleteJob.execute(arguments: [outcome.job])
                try finish.execute(arguments: [outcome.status.rawValue, outcome.error, id])
            }
        }
    }
}
