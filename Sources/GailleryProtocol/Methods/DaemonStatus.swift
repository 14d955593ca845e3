/// `daemon.status`: version, uptime, photo counts, queue depth and model readiness.
public enum DaemonStatus: RPCMethod {
    public static let method = "daemon.status"
    public typealias Params = NoParams

    public struct Result: Codable, Sendable, Equatable {
        public var version: String
        public var pid: Int32
        /// Seconds since the daemon started.
        public var uptimeS: Double
        public var socket: String
        public var dataDir: String
        public var photos: Counts
        public var queue: Queue
        public var classifier: Readiness
        /// Whether the speech recognizer (voice.command, voice.listen) is ready, and why not (absent from
        /// older daemons).
        public var speech: Readiness?
        /// Open client connections, including this one.
        public var connections: Int
        /// The ingest pipeline's shape and cumulative stage timers (absent from older daemons).
        public var pipeline: Pipeline?
        /// Free space on the disk holding the data directory, with a warning when it is low (absent from
        /// older daemons, and when the data directory cannot be inspected).
        public var storage: Storage?
        /// What start-up recovery found: originals indexed again, photos whose original is missing (absent
        /// from older daemons).
        public var recovery: Recovery?
        /// The web gallery's address and whether it listens (absent when started with `--http off`, and
        /// from older daemons). No token: `gallery.open` makes login URLs.
        public var http: HTTP?

        public init(
            version: String, pid: Int32, uptimeS: Double, socket: String, dataDir: String, photos: Counts,
            queue: Queue, classifier: Readiness, speech: Readiness? = nil, connections: Int, pipeline: Pipeline? = nil,
            storage: Storage? = nil, recovery: Recovery? = nil, http: HTTP? = nil
        ) {
            self.version = version
            self.pid = pid
            self.uptimeS = uptimeS
            self.socket = socket
            self.dataDir = dataDir
            self.photos = photos
            self.queue = queue
            self.classifier = classifier
            self.speech = speech
            self.connections = connections
            self.pipeline = pipeline
            self.storage = storage
            self.recovery = recovery
            self.http = http
        }
    }

    /// The web gallery's listener.
    public struct HTTP: Codable, Sendable, Equatable {
        /// `http://127.0.0.1:PORT/`.
        public var url: String
        /// Whether it accepts connections.
        public var listening: Bool
        /// Why not, when it does not (the port is taken, …).
        public var reason: String?

        public init(url: String, listening: Bool, reason: String? = nil) {
            self.url = url
            self.listening = listening
            self.reason = reason
        }
    }

    /// What the daemon found when it compared the index with the originals at start-up.
    public struct Recovery: Codable, Sendable, Equatable {
        /// Originals the index did not list, indexed again and queued to be classified.
        public var recovered: Int
        /// Photos whose original file is missing; they are `failed` with the path to put it back at.
        public var missingOriginals: Int

        public init(recovered: Int, missingOriginals: Int) {
            self.recovered = recovered
            self.missingOriginals = missingOriginals
        }
    }

    /// Space on the disk holding the data directory. When it runs out, writes fail with "storage full"
    /// (-32010) and the ingest pipeline waits, retrying, until space is freed.
    public struct Storage: Codable, Sendable, Equatable {
        /// Bytes the daemon may still write.
        public var freeBytes: Int64
        /// The disk's size in bytes.
        public var totalBytes: Int64
        /// Whether free space is under the warning threshold (1 GiB or 5 % of the disk, the smaller).
        public var low: Bool
        /// When `low`: what is wrong and what to do.
        public var warning: String?

        public init(freeBytes: Int64, totalBytes: Int64, low: Bool, warning: String? = nil) {
            self.freeBytes = freeBytes
            self.totalBytes = totalBytes
            self.low = low
            self.warning = warning
        }
    }

    /// Photo counts by state; `total` excludes the trash.
    public struct Counts: Codable, Sendable, Equatable {
        public var total: Int
        public var trashed: Int
        public var queued: Int
        public var processing: Int
        public var done: Int
        public var failed: Int

        public init(total: Int, trashed: Int, queued: Int, processing: Int, done: Int, failed: Int) {
            self.total = total
            self.trashed = trashed
            self.queued = queued
            self.processing = processing
            self.done = done
            self.failed = failed
        }
    }

    /// The ingest queue: photos waiting or in a stage, its bound, and the worker count.
    public struct Queue: Codable, Sendable, Equatable {
        public var depth: Int
        public var capacity: Int
        public var workers: Int
        /// Of `depth`, the photos held because the disk holding the data directory is full: they are
        /// tried again by themselves once space is freed (absent from older daemons).
        public var heldForSpace: Int?

        public init(depth: Int, capacity: Int, workers: Int, heldForSpace: Int? = nil) {
            self.depth = depth
            self.capacity = capacity
            self.workers = workers
            self.heldForSpace = heldForSpace
        }
    }

    /// The ingest pipeline: decode workers feed one inference thread that runs up to `batchSize` ready
    /// photos per ONNX Runtime call. The `*Ms` members are wall-clock milliseconds spent in each stage
    /// since the daemon started, summed over the threads that ran it (divide by `decoded` or
    /// `classified` for a per-photo figure).
    public struct Pipeline: Codable, Sendable, Equatable {
        /// Decode worker threads.
        public var decodeWorkers: Int
        /// The most photos one inference run takes.
        public var batchSize: Int
        /// ONNX Runtime intra-op threads per run.
        public var inferenceThreads: Int
        /// Photos that went through the decode stage.
        public var decoded: Int
        /// Photos that went through inference.
        public var classified: Int
        /// Inference runs (`classified / batches` is the mean batch size).
        public var batches: Int
        /// Reading and decoding originals.
        public var decodeMs: Double
        /// Resizing and encoding thumbnails.
        public var thumbnailMs: Double
        /// Resizing, cropping and normalising model inputs.
        public var preprocessMs: Double
        /// ONNX Runtime runs.
        public var inferMs: Double
        /// Index writes and thumbnail files (each commit fsynced).
        public var storeMs: Double

        public init(
            decodeWorkers: Int, batchSize: Int, inferenceThreads: Int, decoded: Int, classified: Int, batches: Int,
            decodeMs: Double, thumbnailMs: Double, preprocessMs: Double, inferMs: Double, storeMs: Double
        ) {
            self.decodeWorkers = decodeWorkers
            self.batchSize = batchSize
            self.inferenceThreads = inferenceThreads
            self.decoded = decoded
            self.classified = classified
            self.batches = batches
            self.decodeMs = decodeMs
            self.thumbnailMs = thumbnailMs
            self.preprocessMs = preprocessMs
            self.inferMs = inferMs
            self.storeMs = storeMs
        }
    }

    /// Whether a capability can work, and if not, why and what to do.
    public struct Readiness: Codable, Sendable, Equatable {
        public var ready: Bool
        public var model: String?
        public var reason: String?

        public init(ready: Bool, model: String? = nil, reason: String? = nil) {
            self.ready = ready
            self.model = model
            self.reason = reason
        }
    }
}
