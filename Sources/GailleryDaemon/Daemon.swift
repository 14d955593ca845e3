import Foundation
import GailleryCore
import GailleryProtocol
import GailleryRPC
import GailleryStore
import GailleryWeb
import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// The running daemon's parts, wired together: store, pipeline, events, imports and the RPC server.
///
/// `start` recovers from any earlier crash (orphan files, interrupted jobs and imports) before it
/// accepts a single connection; `shutdown` stops in the reverse order and checkpoints the WAL.
package final class Daemon: Sendable {
    /// The daemon's version, reported by `daemon.status` and `gailleryd --version`.
    package static let version = "0.1.0"

    let configuration: DaemonConfiguration
    let store: PhotoStore
    /// Each photo's list form as JSON, for `photos.search` pages served from memory.
    let summaries: RenderedPhotoCache
    /// Parsed `photos.search` queries by their text, with the taxonomy's aliases resolved.
    let queries: QueryCache
    /// The taxonomy's everyday categories ("dog", "beach"), which `tags.list` lists first.
    let everydayTags: [String]
    let events = EventHub()
    /// Uploads, imports, the pipeline, classification and `photos.wait`.
    let ingest: IngestService
    let voice: VoiceService
    let server: RPCServer
    let blockingPool: NIOThreadPool
    let logger: Logger
    let startedAt = ContinuousClock.now
    /// The socket's and the data directory's paths and this process's id, worked out once for
    /// `daemon.status` (`URL.path` costs microseconds on every call).
    let socketPath: String
    let dataDirectoryPath: String
    let pid = getpid()
    /// Re-uses the JSON of the last `daemon.status` result around its uptime.
    let statusTemplate = WireTemplate<DaemonStatus.Result>(varying: \.uptimeS, wireKey: "uptime_s")
    /// What start-up recovery found (set by `start`, before anything is served).
    let recovery = NIOLockedValueBox(RecoveryReport())
    private let lock: DataDirectoryLock
    /// Set when a shutdown begins; the router then refuses methods that start work.
    let stopping = NIOLockedValueBox(false)
    /// The web gallery's server, made by `start` once the router exists (nil with `--http off`).
    let web = NIOLockedValueBox<WebServer?>(nil)
    /// The file-passing socket's server, made by `start` once the router exists (nil if it could not bind).
    let filePassing = NIOLockedValueBox<FilePassingServer?>(nil)

    /// Takes the data-directory lock and opens the store; nothing is served until `start`.
    ///
    /// - Throws: `DaemonError` when another daemon holds the data directory or it cannot be used,
    ///   `DamagedIndexError` when the index is damaged, `StoreError` when it cannot be opened.
    package init(configuration: DaemonConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        socketPath = configuration.listener.path
        dataDirectoryPath = configuration.dataDirectory.path
        lock = try DataDirectoryLock(directory: configuration.dataDirectory)
        if configuration.rebuildIndex, let kept = try IndexFile.setAside(in: configuration.dataDirectory) {
            logger.notice("set the index aside to rebuild it from the originals", metadata: ["kept_as": "\(kept)"])
        }
        store = try PhotoStore(directory: configuration.dataDirectory)
        summaries = RenderedPhotoCache(store: store, render: Wire.openSummary)
        let classifier = ClassifierService(configuration: configuration, logger: logger)
        let searchWords = classifier.searchWords(orIn: configuration.modelsDirectory)
        queries = QueryCache(aliases: searchWords.aliases)
        everydayTags = searchWords.everyday
        blockingPool = NIOThreadPool(numberOfThreads: max(2, configuration.workers))
        ingest = IngestService(
            store: store, events: events, waiters: StatusWaiters(), classifier: classifier,
            settings: IngestService.Settings(configuration), blockingPool: blockingPool, logger: logger)
        let serverConfiguration = configuration.server
        server = RPCServer(
            listener: configuration.listener, configuration: serverConfiguration, threads: configuration.eventLoops,
            logger: logger)
        let vocabulary = VocabularySource(
            store: store, loadedCategories: { classifier.loaded?.taxonomy.categories },
            modelsDirectory: configuration.modelsDirectory, limit: configuration.voice.vocabularyLimit)
        var voiceConfiguration = configuration.voice
        if voiceConfiguration.speakerDirectory == nil {
            voiceConfiguration.speakerDirectory = configuration.dataDirectory.appendingPathComponent("voice")
        }
        voiceConfiguration.moonshineDirectory = voiceConfiguration.moonshineDirectory ?? configuration.modelsDirectory
        voiceConfiguration.ortLibrary = voiceConfiguration.ortLibrary ?? configuration.ortLibrary
        voice = VoiceService(
            configuration: voiceConfiguration, store: store, events: events, vocabulary: vocabulary,
            blockingPool: blockingPool, logger: logger, aliases: searchWords.aliases)
    }

    /// Recovers from an earlier crash, starts the workers and resumes imports, then listens.
    package func start() async throws {
        blockingPool.start()
        do {
            try recoverLibrary()
        } catch  where StoreError.isStorageFull(error) {
            // Serving what is there beats refusing to start; the next start finishes the recovery.
            logger.error(
                "could not finish comparing the index with the originals: the disk is full; free space and restart",
                metadata: ["error": "\(error)"])
        }
        try ingest.start()
        voice.start()
        let router = makeRouter()
        // The gallery listens before the socket accepts, so a client that sees the daemon up can open it.
        await startWeb(router: router)
        do {
            try await server.start(router: router)
        } catch {
            await stopWeb()
            throw error
        }
        startFilePassing(router: router)
    }

    /// Stops accepting, cancels imports, lets workers finish the photo in hand (the rest stay queued in
    /// the index for the next start), closes connections and checkpoints the WAL.
    package func shutdown() async {
        stopping.withLockedValue { $0 = true }
        await server.stopAccepting()
        stopFilePassing()
        await stopWeb()
        await ingest.stop()
        await server.close()
        voice.stop()
        try? await blockingPool.shutdownGracefully()
        do {
            try store.checkpoint()
        } catch {
            logger.error("WAL checkpoint failed", metadata: ["error": "\(error)"])
        }
        logger.info("stopped")
    }

    /// Seconds since `start`.
    var uptime: Double {
        let elapsed = ContinuousClock.now - startedAt
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
