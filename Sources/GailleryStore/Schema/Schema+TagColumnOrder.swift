import GRDB

extension Schema {
    /// Migration v6: `photo_tags` with its columns in primary-key order (photo_id, tag, source, confidence).
    ///
    /// v1 declared `confidence` between the key's columns. The data was right, but SQLite 3.40's
    /// `PRAGMA integrity_check` (Debian 12's) reads a WITHOUT ROWID table's columns by their declared
    /// position and reported "NULL value in photo_tags.confidence" on every index with a tag, so a user
    /// checking a healthy index was told it was damaged. The table is rebuilt under the same name; its
    /// index and the triggers on it are read from the schema before and created again after, so they
    /// stay exactly as v3 and v4 made them. Triggers on `photos` name `photo_tags` only in their bodies,
    /// which SQLite resolves when they run.
    static func tagColumnOrder(_ db: Database) throws {
        let dependents = try String.fetchAll(
            db,
            sql: """
                SELECT sql FROM sqlite_master
                WHERE tbl_name = 'photo_tags' AND type IN ('index', 'trigger') AND sql IS NOT NULL
                """)
        try db.execute(
            sql: """
                CREATE TEMP TABLE photo_tags_copy AS SELECT photo_id, tag, source, confidence FROM photo_tags;
                DROP TABLE photo_tags;
                CREATE TABLE photo_tags (
                    photo_id   INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
                    tag        TEXT    NOT NULL,
                    source     TEXT    NOT NULL CHECK (source IN ('model', 'manual')),
                    confidence REAL    NOT NULL,
                    PRIMARY KEY (photo_id, tag, source)
                ) WITHOUT ROWID;
                INSERT INTO photo_tags (photo_id, tag, source, confidence)
                    SELECT photo_id, tag, source, confidence FROM photo_tags_copy;
                DROP TABLE photo_tags_copy;
                """)
        for statement in dependents { try db.execute(sql: statement) }
    }
}
