import GRDB

extension Schema {
    /// Migration "people": what the person detector found in each photo it ran on.
    ///
    /// `person_detections` holds one row per detected photo: the detector's confidence that someone is in
    /// it (also stored as the `person` tag's confidence when it passes the threshold) and the model that
    /// said so; a photo the detector never saw has no row. `person_boxes` holds the boxes, as fractions of
    /// the photo's displayed width and height, for a later face step. Both go with the photo.
    static func people(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE person_detections (
                    photo_id   INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
                    confidence REAL    NOT NULL,
                    model      TEXT    NOT NULL
                );
                CREATE TABLE person_boxes (
                    photo_id INTEGER NOT NULL REFERENCES person_detections(photo_id) ON DELETE CASCADE,
                    rank     INTEGER NOT NULL,
                    x        REAL    NOT NULL,
                    y        REAL    NOT NULL,
                    width    REAL    NOT NULL,
                    height   REAL    NOT NULL,
                    score    REAL    NOT NULL,
                    PRIMARY KEY (photo_id, rank)
                ) WITHOUT ROWID;
                """)
    }
}
