import GRDB

/// The index's schema, as an ordered list of migrations. Never edit a shipped migration: add one.
///
/// Tables:
/// - `photos`: one row per stored original (content-addressed by `sha256`), its metadata and pipeline status.
/// - `photo_tags`: searchable tags, canonical form (lowercase, singular); `source` is `model` or `manual`.
///   Manual tags are never touched by (re)classification.
/// - `photo_labels`: the classifier's raw top labels (added by the classifier issue's migration).
/// - `jobs`: durable pipeline work, one row per photo waiting for or in a stage; deleted when finished.
/// - `imports`: directory imports (`photos.import`) and their progress.
/// - `import_photos`: the photos each import added (not those it found already stored).
/// - `photo_counts`: photos per (status, trashed), maintained by triggers.
/// - `search_changes`: ids of photos changed since, for the in-memory search index (`Schema+SearchChanges`).
/// - `person_detections`, `person_boxes`: what the person detector found in each photo (`Schema+People`).
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: photos, tags, jobs, imports") { db in
            try db.execute(
                sql: """
                    CREATE TABLE photos (
                        id          INTEGER PRIMARY KEY AUTOINCREMENT,
                        sha256      TEXT    NOT NULL UNIQUE,
                        name        TEXT,
                        format      TEXT    NOT NULL,
                        byte_size   INTEGER NOT NULL,
                        width       INTEGER,
                        height      INTEGER,
                        orientation INTEGER,
                        taken_at    TEXT,
                        added_at    REAL    NOT NULL,
                        status      TEXT    NOT NULL,
                        error       TEXT,
                        trashed_at  REAL
                    );
                    CREATE INDEX photos_by_added ON photos(trashed_at, id);
                    CREATE INDEX photos_by_taken ON photos(trashed_at, taken_at, id);
                    CREATE INDEX photos_by_status ON photos(status);

                    -- Photo counts by (status, trashed), kept by triggers so daemon.status is O(1)
                    -- instead of a scan of photos (6.6 ms at 10,000 photos).
                    CREATE TABLE photo_counts (
                        status  TEXT    NOT NULL,
                        trashed INTEGER NOT NULL,
                        n       INTEGER NOT NULL,
                        PRIMARY KEY (status, trashed)
                    ) WITHOUT ROWID;
                    CREATE TRIGGER photos_count_insert AFTER INSERT ON photos BEGIN
                        INSERT INTO photo_counts VALUES (NEW.status, NEW.trashed_at IS NOT NULL, 1)
                            ON CONFLICT (status, trashed) DO UPDATE SET n = n + 1;
                    END;
                    CREATE TRIGGER photos_count_delete AFTER DELETE ON photos BEGIN
                        UPDATE photo_counts SET n = n - 1
                            WHERE status = OLD.status AND trashed = (OLD.trashed_at IS NOT NULL);
                    END;
                    CREATE TRIGGER photos_count_update AFTER UPDATE OF status, trashed_at ON photos
                    WHEN OLD.status IS NOT NEW.status OR (OLD.trashed_at IS NULL) IS NOT (NEW.trashed_at IS NULL)
                    BEGIN
                        UPDATE photo_counts SET n = n - 1
                            WHERE status = OLD.status AND trashed = (OLD.trashed_at IS NOT NULL);
                        INSERT INTO photo_counts VALUES (NEW.status, NEW.trashed_at IS NOT NULL, 1)
                            ON CONFLICT (status, trashed) DO UPDATE SET n = n + 1;
                    END;

                    CREATE TABLE photo_tags (
                        photo_id   INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
                        tag        TEXT    NOT NULL,
                        confidence REAL    NOT NULL,
                        source     TEXT    NOT NULL CHECK (source IN ('model', 'manual')),
                        PRIMARY KEY (photo_id, tag, source)
                    ) WITHOUT ROWID;
                    CREATE INDEX photo_tags_by_tag ON photo_tags(tag, confidence DESC, photo_id);

                    CREATE TABLE jobs (
                        id         INTEGER PRIMARY KEY AUTOINCREMENT,
                        photo_id   INTEGER NOT NULL UNIQUE REFERENCES photos(id) ON DELETE CASCADE,
                        kind       TEXT    NOT NULL,
                        attempts   INTEGER NOT NULL DEFAULT 0,
                        created_at REAL    NOT NULL
                    );

                    CREATE TABLE imports (
                        id          INTEGER PRIMARY KEY AUTOINCREMENT,
                        dir         TEXT    NOT NULL,
                        recursive   INTEGER NOT NULL,
                        state       TEXT    NOT NULL,
                        total       INTEGER NOT NULL DEFAULT 0,
                        processed   INTEGER NOT NULL DEFAULT 0,
                        added       INTEGER NOT NULL DEFAULT 0,
                        duplicates  INTEGER NOT NULL DEFAULT 0,
                        failed      INTEGER NOT NULL DEFAULT 0,
                        skipped     INTEGER NOT NULL DEFAULT 0,
                        error       TEXT,
                        created_at  REAL    NOT NULL,
                        finished_at REAL
                    );
                    """
            )
        }
        migrator.registerMigration("v2: classifier labels") { db in
            try db.execute(
                sql: """
                    CREATE TABLE photo_labels (
                        photo_id   INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
                        rank       INTEGER NOT NULL,
                        label      TEXT    NOT NULL,
                        wnid       TEXT    NOT NULL,
                        confidence REAL    NOT NULL,
                        model      TEXT    NOT NULL,
                        PRIMARY KEY (photo_id, rank)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v3: tag counts") { db in
            // Photos per tag for tags.list and the search planner, kept by triggers: n counts the
            // distinct non-trashed photos with a row of confidence >= 0.1 for the tag (manual rows
            // have 1.0), i.e. the default minimum confidence, PhotoStore.defaultMinConfidence.
            // Other thresholds take the slow path. A photo's rows are deleted after the photo itself
            // (ON DELETE CASCADE), so deleting a non-trashed photo is counted by a BEFORE DELETE
            // trigger on photos, and a tag row whose photo is gone or trashed counts nothing. The unary
            // `+`s keep the lookups on the primary key: on photo_tags_by_tag they read the tag's whole
            // range, which made inserts quadratic (a 100,000-photo seed went from 17 s to 9 min).
            try db.execute(
                sql: """
                    CREATE TABLE tag_counts (
                        tag TEXT    NOT NULL PRIMARY KEY,
                        n   INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO tag_counts (tag, n)
                        SELECT t.tag, COUNT(DISTINCT t.photo_id) FROM photo_tags t JOIN photos p ON p.id = t.photo_id
                        WHERE p.trashed_at IS NULL AND t.confidence >= 0.1 GROUP BY t.tag;
                    CREATE TRIGGER tag_counts_insert AFTER INSERT ON photo_tags
                    WHEN NEW.confidence >= 0.1
                        AND EXISTS (SELECT 1 FROM photos WHERE id = NEW.photo_id AND trashed_at IS NULL)
                        AND (SELECT COUNT(*) FROM photo_tags WHERE photo_id = NEW.photo_id AND tag = NEW.tag
                             AND +confidence >= 0.1) = 1
                    BEGIN
                        INSERT INTO tag_counts (tag, n) VALUES (NEW.tag, 1) ON CONFLICT (tag) DO UPDATE SET n = n + 1;
                    END;
                    CREATE TRIGGER tag_counts_delete AFTER DELETE ON photo_tags
                    WHEN OLD.confidence >= 0.1
                        AND EXISTS (SELECT 1 FROM photos WHERE id = OLD.photo_id AND trashed_at IS NULL)
                        AND NOT EXISTS (SELECT 1 FROM photo_tags WHERE photo_id = OLD.photo_id AND tag = OLD.tag
                                        AND +confidence >= 0.1)
                    BEGIN
                        UPDATE tag_counts SET n = n - 1 WHERE tag = OLD.tag;
                    END;
                    -- An update is the removal of OLD then the insertion of NEW: each side changes a count
                    -- when it decides whether its (photo, tag) has a row at or above the threshold.
                    CREATE TRIGGER tag_counts_update AFTER UPDATE OF photo_id, tag, confidence ON photo_tags
                    BEGIN
                        UPDATE tag_counts SET n = n - 1 WHERE tag = OLD.tag
                            AND OLD.confidence >= 0.1
                            AND EXISTS (SELECT 1 FROM photos WHERE id = OLD.photo_id AND trashed_at IS NULL)
                            AND NOT EXISTS (SELECT 1 FROM photo_tags WHERE photo_id = OLD.photo_id AND tag = OLD.tag
                                            AND +confidence >= 0.1
                                            AND NOT (photo_id = NEW.photo_id AND tag = NEW.tag AND source = NEW.source));
                        INSERT INTO tag_counts (tag, n) SELECT NEW.tag, 1
                            WHERE NEW.confidence >= 0.1
                            AND EXISTS (SELECT 1 FROM photos WHERE id = NEW.photo_id AND trashed_at IS NULL)
                            AND NOT EXISTS (SELECT 1 FROM photo_tags WHERE photo_id = NEW.photo_id AND tag = NEW.tag
                                            AND +confidence >= 0.1
                                            AND NOT (photo_id = NEW.photo_id AND tag = NEW.tag AND source = NEW.source))
                            ON CONFLICT (tag) DO UPDATE SET n = n + 1;
                    END;
                    CREATE TRIGGER tag_counts_trash AFTER UPDATE OF trashed_at ON photos
                    WHEN (OLD.trashed_at IS NULL) IS NOT (NEW.trashed_at IS NULL)
                    BEGIN
                        INSERT INTO tag_counts (tag, n)
                            SELECT DISTINCT tag, CASE WHEN NEW.trashed_at IS NULL THEN 1 ELSE -1 END FROM photo_tags
                            WHERE photo_id = NEW.id AND +confidence >= 0.1
                            ON CONFLICT (tag) DO UPDATE SET n = n + excluded.n;
                    END;
                    CREATE TRIGGER tag_counts_photo_delete BEFORE DELETE ON photos
                    WHEN OLD.trashed_at IS NULL
                    BEGIN
                        UPDATE tag_counts SET n = n - 1
                            WHERE tag IN (SELECT tag FROM photo_tags WHERE photo_id = OLD.id AND +confidence >= 0.1);
                    END;
                    """
            )
        }
        migrator.registerMigration("v4: search changes", migrate: searchChanges)
        migrator.registerMigration("v5: photos each import added") { db in
            // Written in the transaction that inserts the photo, so that an import resumed after a crash
            // tells the files it stored itself from true duplicates.
            try db.execute(
                sql: """
                    CREATE TABLE import_photos (
                        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
                        photo_id  INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
                        PRIMARY KEY (import_id, photo_id)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v6: photo_tags columns in key order", migrate: tagColumnOrder)
        migrator.registerMigration("people: person detections and boxes (#21)", migrate: people)
        migrator.registerMigration("appearance: embeddings and perceptual hashes (#21)", migrate: appearance)
        return migrator
    }
}
