import Foundation
import GRDB
import GailleryCore

/// The photo index: a SQLite database in WAL mode (GRDB `DatabasePool`) beside the originals on disk.
///
/// `DatabasePool` serialises writes on its own writer queue and runs reads concurrently on a pool of
/// readers, so a `PhotoStore` may be shared freely between tasks and threads. Every write commits with
/// `synchronous = FULL`: when a method returns, the change survives a power cut.
package final class PhotoStore: Sendable {
    /// The database connection pool (one writer, concurrent readers).
    package let pool: DatabasePool
    /// Where originals and thumbnails live.
    package let blobs: BlobStore
    /// The data directory (holds `index.sqlite`, `originals/`, `thumbs/`, `tmp/`).
    package let directory: URL
    /// Photo counts by state, refreshed after each commit (see `PhotoCountsCache`).
    let countsCache = PhotoCountsCache()
    /// The in-memory search index, loaded at open and caught up by each search (see `SearchIndex`).
    package let searchIndex = SearchIndex()
    /// The in-memory embeddings and hashes for "more like this", loaded at first use (see `SimilarityIndex`).
    package let similarityIndex = SimilarityIndex()

    /// Opens (creating if needed) the index and blob directories under `directory` and migrates the schema.
    ///
    /// - Throws: `DamagedIndexError` when the index file is damaged (it is left as it is); `StoreError` when
    ///   the directory can't be created or the database can't be opened or migrated.
    package init(directory: URL) throws {
        self.directory = directory
        self.blobs = try BlobStore(root: directory)
        var configuration = Configuration()
        configuration.label = "gaillery.index"
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        let path = directory.appendingPathComponent("index.sqlite").path
        // SQLite creates the database with the process's umask (0644) and its -wal and -shm files with the
        // database's mode: creating it 0600 first keeps all three private.
        IndexFile.makePrivate(in: directory)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // DatabasePool switches its writer to WAL *after* `prepareDatabase` ran, and sets
            // `synchronous = NORMAL` as it does (commits then reach the log without fsync). Put FULL back,
            // on the writer, so a commit is on disk when it returns.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try IndexFile.check(pool, path: path)
            try Schema.migrator.migrate(pool)
            try pool.read { db in try countsCache.load(db) }
            try pool.read { db in _ = try searchIndex.state(db) }
            pool.add(transactionObserver: countsCache, extent: .databaseLifetime)
        } catch let error as DamagedIndexError {
            throw error
        } catch  where IndexFile.isDamage(error) {
            throw DamagedIndexError(path: path, detail: "\(error)")
        } catch {
            throw StoreError.database("opening the index at \(path)", error)
        }
    }

    /// Checkpoints the write-ahead log into the main database file and truncates it (at shutdown).
    package func checkpoint() throws {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
}
