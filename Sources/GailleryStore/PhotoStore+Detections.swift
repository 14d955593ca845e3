import GRDB
import GailleryCore

/// What the person detector found in one photo, as the index stores it.
package struct PersonDetectionRecord: Sendable, Equatable {
    /// The detector's confidence that someone is in the photo, 0...1.
    package var confidence: Double
    /// The detector's model id.
    package var model: String
    /// The boxes, best first.
    package var boxes: [PersonBox]

    /// A record.
    package init(confidence: Double, model: String, boxes: [PersonBox]) {
        self.confidence = confidence
        self.model = model
        self.boxes = boxes
    }
}

extension PhotoStore {
    /// Replaces `photo`'s detection (and its boxes) inside the caller's write transaction.
    static func replacePersonDetection(_ db: Database, _ photo: PhotoID, _ record: PersonDetectionRecord) throws {
        try db.cachedStatement(sql: "DELETE FROM person_detections WHERE photo_id = ?")
            .execute(arguments: [photo.rawValue])
        try db.cachedStatement(sql: "INSERT INTO person_detections (photo_id, confidence, model) VALUES (?, ?, ?)")
            .execute(arguments: [photo.rawValue, record.confidence, record.model])
        let insert = try db.cachedStatement(
            sql: "INSERT INTO person_boxes (photo_id, rank, x, y, width, height, score) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (rank, box) in record.boxes.enumerated() {
            try insert.execute(arguments: [photo.rawValue, rank + 1, box.x, box.y, box.width, box.height, box.score])
        }
    }

    /// What the person detector found in `photo`, or nil when it has not run on it.
    package func personDetection(of photo: PhotoID) throws -> PersonDetectionRecord? {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT confidence, model FROM person_detections WHERE photo_id = ?",
                    arguments: [photo.rawValue])
            else { return nil }
            let boxes = try Row.fetchAll(
                db, sql: "SELECT x, y, width, height, score FROM person_boxes WHERE photo_id = ? ORDER BY rank",
                arguments: [photo.rawValue]
            ).map {
                PersonBox(x: $0["x"], y: $0["y"], width: $0["width"], height: $0["height"], score: $0["score"])
            }
            return PersonDetectionRecord(confidence: row["confidence"], model: row["model"], boxes: boxes)
        }
    }
}
