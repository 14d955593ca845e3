import GRDB

extension Schema {
    /// Migration v4: `search_changes`, the log that keeps the in-memory `SearchIndex` equal to the
    /// tables. Triggers append the id of every photo whose search-relevant data changes (its row's
    /// status, dates or trash state, its tags; inserted or deleted), whoever writes, and the index
    /// replays the entries after its version. `seq` is AUTOINCREMENT so a number is never reused, and
    /// the log prunes itself to its last 8,192 to 9,215 entries; an index further behind reloads whole.
    /// Each trigger only appends (a primary-key insert), so writes stay O(log n).
    static func searchChanges(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE search_changes (
                    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
                    photo_id INTEGER NOT NULL
                );
                CREATE TRIGGER search_changes_prune AFTER INSERT ON search_changes WHEN NEW.seq % 1024 = 0
                BEGIN
                    DELETE FROM search_changes WHERE seq <= NEW.seq - 8192;
                END;
                CREATE TRIGGER search_changes_photo_insert AFTER INSERT ON photos BEGIN
                    INSERT INTO search_changes (photo_id) VALUES (NEW.id);
                END;
                CREATE TRIGGER search_changes_photo_update AFTER UPDATE OF id, status, taken_at, added_at, trashed_at
                ON photos
                WHEN OLD.id IS NOT NEW.id OR OLD.status IS NOT NEW.status OR OLD.taken_at IS NOT NEW.taken_at
                    OR OLD.added_at IS NOT NEW.added_at OR OLD.trashed_at IS NOT NEW.trashed_at
                BEGIN
                    INSERT INTO search_changes (photo_id) VALUES (OLD.id);
                    INSERT INTO search_changes (photo_id) SELECT NEW.id WHERE NEW.id IS NOT OLD.id;
                END;
                CREATE TRIGGER search_changes_photo_delete AFTER DELETE ON photos BEGIN
                    INSERT INTO search_changes (photo_id) VALUES (OLD.id);
                END;
                CREATE TRIGGER search_changes_tag_insert AFTER INSERT ON photo_tags BEGIN
                    INSERT INTO search_changes (photo_id) VALUES (NEW.photo_id);
                END;
                CREATE TRIGGER search_changes_tag_update AFTER UPDATE ON photo_tags BEGIN
                    INSERT INTO search_changes (photo_id) VALUES (OLD.photo_id);
                    INSERT INTO search_changes (photo_id) SELECT NEW.photo_id WHERE NEW.photo_id IS NOT OLD.photo_id;
                END;
                CREATE TRIGGER search_changes_tag_delete AFTER DELETE ON photo_tags BEGIN
                    INSERT INTO search_changes (photo_id) VALUES (OLD.photo_id);
                END;
                """)
    }
}
