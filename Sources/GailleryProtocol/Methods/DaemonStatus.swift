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
        /// Open client connections, including this one.
        public var connections: Int

        public init(
            version: String, pid: Int32, uptimeS: Double, socket: String, dataDir: String, photos: Counts,
            queue: Queue, classifier: Readiness, connections: Int
        ) {
            self.version = version
            self.pid = pid
            self.uptimeS = uptimeS
            self.socket = socket
            self.dataDir = dataDir
            self.photos = photos
            self.queue = queue
            self.classifier = classifier
            self.connections = connections
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

        public init(depth: Int, capacity: Int, workers: Int) {
            self.depth = depth
            self.capacity = capacity
            self.workers = workers
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
