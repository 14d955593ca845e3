import Foundation
import GRDB
import GailleryCore

/// One of the classifier's top labels for a photo.
package struct LabelRecord: Sendable, Equatable {
    /// 1 for the most likely.
    package var rank: Int
    /// Readable class name, e.g. "golden retriever".
    package var label: String
    /// WordNet id, e.g. "n02099601".
    package var wnid: String
    /// Softmax probability, 0...1.
    package var confidence: Double
    /// The model id, e.g. "efficientnet-lite0".
    package var model: String

    package init(rank: Int, label: String, wnid: String, confidence: Double, model: String) {
        self.rank = rank
        self.label = label
        self.wnid = wnid
        self.confidence = confidence
        self.model = model
    }
}

/// An everyday tag the classifier gave a photo.
package struct ModelTag: Sendable, Equatable {
    /// The tag, canonical.
    package var tag: TagName
    /// The summed probability of the classes under the tag, 0...1.
    package var confidence: Double

    package init(tag: TagName, confidence: Double) {
        self.tag = tag
        self.confidence = confidence
    }
}

/// What the classifier found for one photo, as the index stores it: its top labels and everyday tags.
package struct ClassificationRecord: Sendable, Equatable {
    /// The top labels, best first.
    package var labels: [LabelRecord]
    /// The everyday tags, best first.
    package var tags: [ModelTag]

    package init(labels: [LabelRecord], tags: [ModelTag]) {
        self.labels = labels
        self.tags = tags
    }
}

extension PhotoStore {
    /// Replaces a photo's classifier labels and model tags (manual tags are untouched), in one
    /// transaction.
    package func recordClassification(_ photo: PhotoID, _ record: ClassificationRecord) throws {
        try pool.write { db in
            try Self.replaceClassification(
                db, photo, labels: record.labels, tags: record.tags.map { ($0.tag.rawValue, $0.confidence) })
        }
    }

    /// `recordClassification` for tags already spelled canonically as text (tests and benchmarks that
    /// write rows of their own); the daemon passes a `ClassificationRecord`.
    package func recordClassification(
        _ photo: PhotoID, labels: [LabelRecord], tags: [(tag: String, confidence: Double)]
    ) throws {
        try pool.write { db in try Self.replaceClassification(db, photo, labels: labels, tags: tags) }
    }

    /// `recordClassification`'s statements inside the caller's transaction, with cached statements
    /// (the store thread's write batches run them for many photos per transaction).
    static func replaceClassification(
        _ db: Database, _ photo: PhotoID, labels: [LabelRecord], tags: [(tag: String, confidence: Double)]
    ) throws {
        try db.cachedStatement(sql: "DELETE FROM photo_labels WHERE photo_id = ?").execute(arguments: [photo.rawValue])
        try db.cachedStatement(sql: "DELETE FROM photo_tags WHERE photo_id = ? AND source = 'model'")
            .execute(arguments: [photo.rawValue])
        let insertLabel = try db.cachedStatement(
            sql: "INSERT INTO photo_labels (photo_id, rank, label, wnid, confidence, model) VALUES (?, ?, ?, ?, ?, ?)")
        for label in labels {
            try insertLabel.execute(
                arguments: [photo.rawValue, label.rank, label.label, label.wnid, label.confidence, label.model])
        }
        let insertTag = try db.cachedStatement(
            sql: """
                INSERT INTO photo_tags (photo_id, tag, confidence, source) VALUES (?, ?, ?, 'model')
                ON CONFLICT (photo_id, tag, source) DO UPDATE SET confidence = max(confidence, excluded.confidence)
                """)
        for tag in tags {
            try insertTag.execute(arguments: [photo.rawValue, tag.tag, min(1, tag.confidence)])
        }
    }

    /// A photo's classifier labels by rank.
    package func labels(of photo: PhotoID) throws -> [LabelRecord] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT rank, label, wnid, confidence, model FROM photo_labels WHERE photo_id = ? ORDER BY rank",
                arguments: [photo.rawValue]
            ).map {
                LabelRecord(
                    rank: $0["rank"], label: $0["label"], wnid: $0["wnid"], confidence: $0["confidence"],
                    model: $0["model"])
            }
        }
    }

    /// Queues a classify job for each photo in `ids` (or every photo not in the trash when `ids` is nil)
    /// that has no job yet; returns the jobs created.
    package func enqueueReclassification(_ ids: [PhotoID]?, now: Double) throws -> [JobRecord] {
        try pool.write { db in
            let selection: String
            var arguments: StatementArguments = [now]
            if let ids {
                selection = "id IN (\(databaseQuestionMarks(count: ids.count)))"
                arguments += StatementArguments(ids.map(\.rawValue))
            } else {
                selection = "trashed_at IS NULL"
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    INSERT INTO jobs (photo_id, kind, created_at)
                    SELECT id, 'classify', ? FROM photos WHERE \(selection) AND id NOT IN (SELECT photo_id FROM jobs)
                    RETURNING id, photo_id, kind, attempts
                    """,
                arguments: arguments)
            for row in rows {
                try db.execute(
                    sql: "UPDATE photos SET status = 'queued', error = NULL WHERE id = ?",
                    arguments: [row["photo_id"] as Int64])
            }
            return rows.map {
                JobRecord(
                    id: $0["id"], photoID: PhotoID($0["photo_id"] as Int64), kind: $0["kind"], attempts: $0["attempts"])
            }
        }
    }
}
