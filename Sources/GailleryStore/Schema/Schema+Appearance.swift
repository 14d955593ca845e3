import GRDB

extension Schema {
    /// Migration "appearance": what "more like this" and near-duplicate search compare.
    ///
    /// - `photo_appearance`: one row per classified photo: the model that made it, the 64-bit perceptual
    ///   hash (`PerceptualHash`, stored as the signed integer with the same bits) and the classifier's
    ///   L2-normalised embedding as little-endian float16 (1,280 values: 2.5 KB a photo; float16 keeps
    ///   three significant digits, far finer than the int8 codes the in-memory index compares).
    /// - `appearance_changes`: the log that keeps the in-memory `SimilarityIndex` equal to the tables,
    ///   as `search_changes` does for the search index: triggers append the photo id whenever its
    ///   appearance is written or removed, or its photo is trashed, restored or deleted; it prunes itself
    ///   to its last 8,192 to 9,215 entries, and an index further behind reloads whole.
    static func appearance(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE photo_appearance (
                    photo_id  INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
                    model     TEXT    NOT NULL,
                    phash     INTEGER NOT NULL,
                    embedding BLOB    NOT NULL
                );
                CREATE TABLE appearance_changes (
                    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
                    photo_id INTEGER NOT NULL
                );
                CREATE TRIGGER appearance_changes_prune AFTER INSERT ON appearance_changes WHEN NEW.seq % 1024 = 0
                BEGIN
                    DELETE FROM appearance_changes WHERE seq <= NEW.seq - 8192;
                END;
                CREATE TRIGGER appearance_changes_insert AFTER INSERT ON photo_appearance BEGIN
                    INSERT INTO appearance_changes (photo_id) VALUES (NEW.photo_id);
                END;
                CREATE TRIGGER appearance_changes_update AFTER UPDATE ON photo_appearance BEGIN
                    INSERT INTO appearance_changes (photo_id) VALUES (NEW.photo_id);
                END;
                CREATE TRIGGER appearance_changes_delete AFTER DELETE ON photo_appearance BEGIN
                    INSERT INTO appearance_changes (photo_id) VALUES (OLD.photo_id);
                END;
                CREATE TRIGGER appearance_changes_trash AFTER UPDATE OF trashed_at ON photos
                WHEN (OLD.trashed_at IS NULL) IS NOT (NEW.trashed_at IS NULL)
                BEGIN
                    INSERT INTO appearance_changes (photo_id) VALUES (NEW.id);
                END;
                CREATE TRIGGER appearance_changes_photo_delete AFTER DELETE ON photos BEGIN
                    INSERT INTO appearance_changes (photo_id) VALUES (OLD.id);
                END;
                """)
    }
}
