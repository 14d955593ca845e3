import ArgumentParser
import Foundation
import GailleryDaemon
import Logging
import ServiceLifecycle

/// `gailleryd`: the Gaillery daemon. Flags override the environment; see the README for the defaults.
@main
struct GailleryDaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gailleryd",
        abstract: "Gaillery's photo daemon: stores, classifies and indexes photos; serves JSON-RPC on a Unix socket.",
        version: Daemon.version)

    /// The defaults the flags start from, defined once in `DaemonConfiguration`.
    private static let defaults = DaemonConfiguration.defaults

    @Option(
        help:
            "Unix socket path (default: $GAILLERY_SOCKET, else $XDG_RUNTIME_DIR/gaillery/rpc.sock, else /tmp/gaillery-$UID/rpc.sock)."
    )
    var socket: String?

    @Option(help: "Data directory (default: $XDG_DATA_HOME/gaillery, else ~/.local/share/gaillery).")
    var dataDir: String?

    @Option(help: "Largest accepted JSON-RPC message in bytes.")
    var maxLine: Int = defaults.server.maxLineLength

    @Option(help: "Bytes of unread output a client may have before the daemon drops its events (it is told how many).")
    var clientBuffer: Int = defaults.server.highWaterMark

    @Option(help: "Bytes of unfinished messages all clients may hold together (the one holding most is refused).")
    var maxBufferedInput: Int = defaults.server.maxBufferedInput

    @Option(help: "Event-loop threads serving connections (default: number of cores).")
    var eventLoops: Int?

    @Option(help: "Ingest worker threads (default: number of cores).")
    var workers: Int?

    @Option(help: "Most decoded photos per inference run; a run never waits to fill a batch (1: no batching).")
    var batchSize: Int = defaults.batchSize

    @Option(help: "ONNX Runtime threads per inference run (0: one per core).")
    var inferenceThreads: Int = defaults.inferenceThreads

    @Option(
        help:
            "Nice steps the ingest pipeline's decode and inference threads run below the threads that answer clients (0-19; 0: same priority)."
    )
    var pipelineNice: Int = Int(defaults.pipelineNice)

    @Option(help: "Most photos waiting in the ingest queue before uploads are refused as busy.")
    var queueCapacity: Int = defaults.queueCapacity

    @Option(help: "Images over this many pixels fail instead of being decoded.")
    var maxPixels: Int = defaults.maxPixels

    @Option(help: "Largest accepted original in bytes.")
    var maxUploadBytes: Int64 = defaults.maxUploadBytes

    @Option(
        help:
            ArgumentHelp(
                "Models directory (manifests, ONNX files, taxonomy, runtime/); default: $GAILLERY_MODELS_DIR, "
                    + "else PREFIX/share/gaillery/models beside the executable, else the models/ of the "
                    + "source tree it was built in, else $XDG_DATA_HOME/gaillery/models."))
    var modelsDir: String?

    @Option(help: "Classifier model id (a manifest in the models directory).")
    var model: String = defaults.modelID

    @Option(
        help:
            "Path of libonnxruntime.so (default: $GAILLERY_ORT_LIBRARY, the models directory's runtime/, the system's)."
    )
    var ortLibrary: String?

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "Find people after classifying (the tags person and group) when models/pose-detection.onnx is "
                + "installed."))
    var personDetector = defaults.detectPeople

    @Flag(
        help: ArgumentHelp(
            "Keep the index as index.sqlite.damaged-<time> and rebuild it from the originals and their sidecars "
                + "(names, manual tags, trash); every photo is classified again."))
    var rebuildIndex = false

    @Option(
        help: ArgumentHelp(
            "The web gallery's HOST:PORT, or off. Any address but a loopback one is reachable from other machines "
                + "(a warning is logged); port 0 picks a free one.", valueName: "host:port|off"))
    var http: String = defaults.http ?? "off"

    @OptionGroup var voice: VoiceOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard maxLine >= 1024 else { throw ValidationError("--max-line must be at least 1024 bytes") }
        guard clientBuffer >= 4096 else { throw ValidationError("--client-buffer must be at least 4096 bytes") }
        guard maxBufferedInput >= 1024 else {
            throw ValidationError("--max-buffered-input must be at least 1024 bytes")
        }
        guard (1...64).contains(eventLoops ?? 1) else {
            throw ValidationError("--event-loops must be between 1 and 64")
        }
        guard (1...64).contains(workers ?? 1) else { throw ValidationError("--workers must be between 1 and 64") }
        guard (1...64).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 64") }
        guard (0...19).contains(pipelineNice) else { throw ValidationError("--pipeline-nice must be between 0 and 19") }
        guard (0...64).contains(inferenceThreads) else {
            throw ValidationError("--inference-threads must be between 0 and 64")
        }
        guard queueCapacity >= 1 else { throw ValidationError("--queue-capacity must be at least 1") }
        guard maxPixels >= 1 else { throw ValidationError("--max-pixels must be positive") }
        var web = DaemonConfiguration.defaults
        web.http = http == "off" ? nil : http
        do {
            _ = try web.webConfiguration()
        } catch {
            throw ValidationError("\(error)")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "gailleryd")
        // Everything the daemon writes (index, originals, thumbnails, speaker models) is private to its user.
        umask(0o077)
        if let (before, after) = DescriptorLimit.raiseToHardLimit(), after != before {
            logger.info("raised the open-file limit", metadata: ["from": "\(before)", "to": "\(after)"])
        }
        let socketPath = socket ?? DaemonConfiguration.defaultSocketPath()
        let listener = DaemonConfiguration.socketActivation(socketPath: socketPath) ?? .path(socketPath)
        let directory = dataDir.map { URL(fileURLWithPath: $0) } ?? DaemonConfiguration.defaultDataDirectory()
        var configuration = DaemonConfiguration(listener: listener, dataDirectory: directory)
        configuration.server.maxLineLength = maxLine
        configuration.server.highWaterMark = clientBuffer
        configuration.server.maxBufferedInput = maxBufferedInput
        if let eventLoops { configuration.eventLoops = eventLoops }
        if let workers { configuration.workers = workers }
        configuration.batchSize = batchSize
        configuration.inferenceThreads = inferenceThreads
        configuration.pipelineNice = Int32(pipelineNice)
        configuration.queueCapacity = queueCapacity
        configuration.maxPixels = maxPixels
        configuration.maxUploadBytes = maxUploadBytes
        configuration.rebuildIndex = rebuildIndex
        configuration.http = http == "off" ? nil : http
        if let modelsDir { configuration.modelsDirectory = URL(fileURLWithPath: modelsDir) }
        configuration.modelID = model
        configuration.ortLibrary = ortLibrary
        configuration.detectPeople = personDetector
        try voice.apply(to: &configuration.voice)
        let daemon: Daemon
        do {
            daemon = try Daemon(configuration: configuration, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("gailleryd: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [DaemonService(daemon: daemon)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        do {
            try await group.run()
        } catch {
            FileHandle.standardError.write(Data("gailleryd: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
