import Foundation
import GailleryClassifier
import GailleryCore
import GailleryProtocol
import GailleryStore
import Logging
import NIOConcurrencyHelpers

/// Owns the image classifier: loads ONNX Runtime, the model and the taxonomy (checked against the
/// model's classes), reports readiness, and turns the model's answers into stored records. Without
/// the library or the model the daemon still runs: `daemon.status` says why the classifier is not
/// ready, and photos wait in the queue (not failed) until it is.
package final class ClassifierService: Sendable {
    /// A loaded model and the taxonomy that turns its labels into everyday tags.
    struct Loaded: Sendable {
        /// The ONNX Runtime session and the model's preprocessing.
        let classifier: ImageClassifier
        /// Everyday tags for the model's classes (checked against them at load).
        let taxonomy: Taxonomy
        /// The person detector, run after the classifier; nil when it is off or not installed.
        var detector: PersonDetector? = nil
        /// The manifest's model id.
        var modelID: String { classifier.manifest.id }
    }

    private enum State {
        case unavailable(String)
        case ready(Loaded)
    }

    private let state: NIOLockedValueBox<State>
    private let logger: Logger
    /// The most photos one inference run takes (`--batch-size`).
    let batchSize: Int
    /// ONNX Runtime's intra-op threads per run (`--inference-threads`; 0 there means one per core).
    let inferenceThreads: Int

    /// Tries to load the classifier now; failure is recorded, not thrown.
    init(configuration: DaemonConfiguration, logger: Logger) {
        self.logger = logger
        batchSize = max(1, configuration.batchSize)
        inferenceThreads =
            configuration.inferenceThreads > 0
            ? configuration.inferenceThreads : ProcessInfo.processInfo.activeProcessorCount
        let threads = inferenceThreads
        state = NIOLockedValueBox(
            Self.onLoweredThread(configuration.pipelineNice) {
                Self.load(configuration, threads: threads, logger: logger)
            })
    }

    /// `body`'s result, run on a new thread `nice` steps below the caller: ONNX Runtime's intra-op
    /// workers are created with the session and inherit the priority of the thread that creates them,
    /// so this is how they come to run at the pipeline's priority.
    private static func onLoweredThread<T: Sendable>(_ nice: Int32, _ body: @escaping @Sendable () -> T) -> T {
        guard nice > 0 else { return body() }
        let result = NIOLockedValueBox<T?>(nil)
        let finished = ConditionLock(value: false)
        let thread = Thread {
            ThreadPriority.lowerCurrentThread(by: nice)
            let value = body()
            result.withLockedValue { $0 = value }
            finished.lock()
            finished.unlock(withValue: true)
        }
        thread.name = "gaillery-load"
        thread.start()
        finished.lock(whenValue: true)
        finished.unlock()
        return result.withLockedValue { $0! }
    }

    private static func load(_ configuration: DaemonConfiguration, threads: Int, logger: Logger) -> State {
        guard let directory = configuration.modelsDirectory else {
            return .unavailable(ModelsSearch().notFoundMessage)
        }
        do {
            let runtime = try OnnxRuntime.load(
                searchPaths: OnnxRuntime.searchPaths(
                    explicitLibrary: configuration.ortLibrary, modelsDirectory: directory))
            let catalog = try ModelCatalog(directory: directory)
            let manifest = try catalog.manifest(id: configuration.modelID)
            let classifier = try ImageClassifier(
                manifest: manifest, modelsDirectory: directory, runtime: runtime, intraOpThreads: threads,
                allowSpinning: false)
            let taxonomy = try Taxonomy.load(modelsDirectory: directory)
            // A taxonomy from another class list would tag every photo wrongly: refuse it here.
            try taxonomy.check(matches: classifier.labels)
            logger.info(
                "classifier ready",
                metadata: [
                    "model": "\(manifest.id)", "onnxruntime": "\(runtime.version)", "threads": "\(threads)",
                    "batch": "\(configuration.batchSize)",
                ])
            let detector = loadDetector(
                configuration, directory: directory, runtime: runtime, threads: threads, logger: logger)
            return .ready(Loaded(classifier: classifier, taxonomy: taxonomy, detector: detector))
        } catch {
            logger.warning("classifier not ready", metadata: ["reason": "\(error)"])
            return .unavailable("\(error)")
        }
    }

    /// The loaded classifier, or nil when it is not ready.
    var loaded: Loaded? {
        state.withLockedValue { state in
            if case .ready(let loaded) = state { return loaded }
            return nil
        }
    }

    /// Readiness for `daemon.status`.
    var readiness: DaemonStatus.Readiness {
        state.withLockedValue { state in
            switch state {
            case .ready(let loaded): DaemonStatus.Readiness(ready: true, model: loaded.modelID)
            case .unavailable(let reason): DaemonStatus.Readiness(ready: false, reason: reason)
            }
        }
    }

    /// The records for one photo's classification: its top labels under the taxonomy's readable
    /// WordNet names ("tabby" rather than the label file's gloss) and its everyday tags.
    static func records(for result: Classification, with loaded: Loaded) -> ClassificationRecord {
        let names = loaded.taxonomy.labels
        let labels = result.predictions.enumerated().map { rank, prediction in
            LabelRecord(
                rank: rank + 1,
                label: names.indices.contains(prediction.index)
                    ? names[prediction.index].name.rawValue : prediction.label,
                wnid: prediction.wnid, confidence: prediction.probability, model: loaded.modelID)
        }
        let tags = loaded.taxonomy.tags(for: result).map { ModelTag(tag: $0.tag, confidence: $0.confidence) }
        return ClassificationRecord(labels: labels, tags: tags)
    }
}
