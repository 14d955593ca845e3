import Foundation
import GailleryRPC
import GailleryWeb

/// Everything `gailleryd` can be told on its command line or through the environment.
package struct DaemonConfiguration: Sendable {
    /// Where to listen (a path, or a socket inherited from systemd).
    package var listener: RPCServer.Listener
    /// The data directory (originals, thumbnails, index).
    package var dataDirectory: URL
    /// The socket server's limits: the longest message (`maxLineLength`), unread output per client before
    /// its events are dropped (`highWaterMark`), and unfinished input across clients (`maxBufferedInput`).
    package var server = RPCServer.Configuration()
    /// NIO event-loop threads serving connections (default: the number of cores). Requests answered on
    /// the loop (daemon.status, photos.search from memory) then use every core (Benchmarks/README.md, RPC).
    package var eventLoops = ProcessInfo.processInfo.activeProcessorCount
    /// Pipeline worker threads (default: the number of cores).
    package var workers = ProcessInfo.processInfo.activeProcessorCount
    /// The most decoded photos one inference run takes; a run never waits to fill a batch. 1 by default:
    /// on 2 cores batching measured no faster and costs ONNX Runtime arena memory (Benchmarks/README.md).
    package var batchSize = 1
    /// ONNX Runtime intra-op threads per inference run (0: one per core).
    package var inferenceThreads = 0
    /// How much lower (in nice steps) the pipeline's CPU-bound threads run than the threads that answer
    /// clients: the decode workers, the inference thread and ONNX Runtime's workers. 0 runs them at the
    /// daemon's own priority. With 10, an upload is acknowledged sooner while photos are classified
    /// (Benchmarks/README.md, Upload).
    package var pipelineNice: Int32 = 10
    /// The most photos that may wait in or move through the pipeline before uploads get "busy".
    package var queueCapacity = 10_000
    /// Images with more pixels than this fail instead of being decoded (decompression bombs).
    package var maxPixels = 100_000_000
    /// The largest accepted original, in bytes.
    package var maxUploadBytes: Int64 = 512 << 20
    /// Set the index aside (as `index.sqlite.damaged-<time>`) and rebuild it from the originals at start.
    package var rebuildIndex = false
    /// The thumbnail's long side, in pixels.
    package var thumbnailSize = 320
    /// Where the model manifests, ONNX files, labels, taxonomy and `runtime/` live (nil: none found).
    package var modelsDirectory: URL? = DaemonConfiguration.defaultModelsDirectory()
    /// The classifier model's id (a manifest in the models directory).
    package var modelID = "efficientnet-lite0"
    /// Run the person detector after the classifier (tags `person` and `group`) when its model is installed.
    package var detectPeople = true
    /// An explicit path of libonnxruntime.so (else GAILLERY_ORT_LIBRARY, the models directory, the system).
    package var ortLibrary: String?
    /// Speech recognition, sessions and the microphone.
    package var voice = VoiceConfiguration()
    /// The web gallery's `HOST:PORT` (`--http`): loopback by default; `off` (nil) serves no gallery.
    package var http: String? = "127.0.0.1:8765"

    /// The web gallery's settings from `http`, its body limit the socket's longest message.
    ///
    /// - Throws: `WebError` when `http` is not `HOST:PORT`.
    package func webConfiguration() throws -> WebConfiguration? {
        try http.flatMap { try WebConfiguration.parse($0, maxBodyBytes: server.maxLineLength) }
    }

    /// Every default in one place, for `gailleryd`'s flags to show and start from.
    package static let defaults = DaemonConfiguration(listener: .path(""), dataDirectory: URL(fileURLWithPath: "/"))

    /// A configuration with defaults for everything but the two locations.
    package init(listener: RPCServer.Listener, dataDirectory: URL) {
        self.listener = listener
        self.dataDirectory = dataDirectory
    }

    /// `$XDG_DATA_HOME/gaillery`, or `~/.local/share/gaillery` when XDG_DATA_HOME is unset.
    package static func defaultDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL
    {
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("gaillery")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/gaillery")
    }

    /// The models directory when none is given: the first place `ModelsSearch` finds (the environment,
    /// the installed models, the models beside an installed executable, the source tree), or nil.
    package static func defaultModelsDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        ModelsSearch(environment: environment).found
    }

    /// The socket path when none is given: `$GAILLERY_SOCKET`, else `$XDG_RUNTIME_DIR/gaillery/rpc.sock`,
    /// else `/tmp/gaillery-$UID/rpc.sock` (the same rule as the CLI's).
    package static func defaultSocketPath() -> String { SocketAddressing.defaultSocketPath() }

    /// The listener systemd passed (LISTEN_PID is us and LISTEN_FDS ≥ 1: descriptor 3), or nil.
    package static func socketActivation(
        environment: [String: String] = ProcessInfo.processInfo.environment, socketPath: String
    ) -> RPCServer.Listener? {
        guard let pid = environment["LISTEN_PID"].flatMap(Int32.init), pid == getpid(),
            let count = environment["LISTEN_FDS"].flatMap(Int.init), count >= 1
        else { return nil }
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        unsetenv("LISTEN_FDNAMES")
        return .inherited(descriptor: 3, path: socketPath)
    }
}
