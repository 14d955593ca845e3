import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore
import Logging
import NIOPosix

/// Everything between an original arriving and its photo being done: uploads (staging, content
/// sniffing, header probing, the store's hand-off), directory imports (`ImportRunner`), the pipeline
/// that decodes, classifies and records each photo (`IngestPipeline` and its stages), reclassification
/// and `photos.wait`.
///
/// It gets only what it uses: the store, the event hub, the waiters of `photos.wait`, the classifier,
/// the ingest settings, a thread pool for blocking file work and the logger. Handlers decode params,
/// call it and encode what it returns.
package final class IngestService: Sendable {
    /// Where an upload's bytes come from.
    typealias Source = ContentSource

    /// The configuration values ingest uses.
    package struct Settings: Sendable {
        /// Decode worker threads.
        package var workers: Int
        /// The most photos that may wait in or move through the pipeline before uploads get "busy".
        package var queueCapacity: Int
        /// Nice steps below the daemon for the decode workers and the inference thread.
        package var pipelineNice: Int32
        /// Images with more pixels than this are refused at upload and fail in decoding.
        package var maxPixels: Int
        /// The largest accepted original, in bytes.
        package var maxUploadBytes: Int64
        /// The thumbnail's long side, in pixels.
        package var thumbnailSize: Int

        /// The ingest values of the daemon's configuration.
        package init(_ configuration: DaemonConfiguration) {
            workers = configuration.workers
            queueCapacity = configuration.queueCapacity
            pipelineNice = configuration.pipelineNice
            maxPixels = configuration.maxPixels
            maxUploadBytes = configuration.maxUploadBytes
            thumbnailSize = configuration.thumbnailSize
        }
    }

    /// The index and the originals.
    let store: PhotoStore
    /// Where `photo.added`, `photo.status` and `job.progress` events go.
    let events: EventHub
    /// `photos.wait` callers, woken when a photo is done or failed.
    let waiters: StatusWaiters
    /// The image classifier (readiness for `daemon.status`, the model for reclassification).
    package let classifier: ClassifierService
    /// The limits of uploads and the pipeline's shape.
    let settings: Settings
    let logger: Logger
    let pipeline: IngestPipeline
    let imports: ImportRunner
    private let blockingPool: NIOThreadPool

    /// A service over `store`; nothing runs until `start`. `blockingPool` (started by its owner) runs
    /// the file work of imports.
    package init(
        store: PhotoStore, events: EventHub, waiters: StatusWaiters, classifier: ClassifierService,
        settings: Settings, blockingPool: NIOThreadPool, logger: Logger
    ) {
        self.store = store
        self.events = events
        self.waiters = waiters
        self.classifier = classifier
        self.settings = settings
        self.blockingPool = blockingPool
        self.logger = logger
        let stage = IngestStage(
            store: store, classifier: classifier, events: events, waiters: waiters, maxPixels: settings.maxPixels,
            thumbnailSize: settings.thumbnailSize, logger: logger)
        pipeline = IngestPipeline(
            stage: stage, workers: settings.workers, capacity: settings.queueCapacity, nice: settings.pipelineNice)
        imports = ImportRunner(store: store, events: events, logger: logger)
    }

    /// Puts the photos a crash interrupted back in the queue, starts the pipeline's threads and resumes
    /// the imports the index still shows as running.
    ///
    /// - Throws: the store's error when the interrupted jobs cannot be read.
    package func start() throws {
        try store.requeueInterrupted()
        let pending = try store.pendingJobs()
        pipeline.start()
        for job in pending { pipeline.enqueue(job) }
        if !pending.isEmpty {
            logger.notice("resuming interrupted ingest jobs", metadata: ["count": "\(pending.count)"])
        }
        imports.resume(through: self)
    }

    /// Stops the imports at the file in hand, then lets the pipeline finish the photos in hand (the
    /// rest stay queued in the index for the next start).
    package func stop() async {
        await imports.stopAll()
        await pipeline.stop()
    }

    /// The queue's depth and bounds, for `daemon.status`.
    package var queue: DaemonStatus.Queue {
        DaemonStatus.Queue(
            depth: pipeline.depth, capacity: pipeline.capacity, workers: pipeline.workerCount,
            heldForSpace: pipeline.heldForSpace)
    }

    /// The pipeline's shape and cumulative stage timers, for `daemon.status`.
    package var statistics: DaemonStatus.Pipeline { pipeline.statistics }

    /// Runs blocking work (file I/O, fsync, decoding probes) on the thread pool, off the cooperative pool.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await blockingPool.runIfActive(body)
    }
}
