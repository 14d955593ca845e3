import Foundation
import GailleryClassifier
import GailleryCore
import GailleryProtocol
import GailleryStore
import Logging
import NIOConcurrencyHelpers

/// Owns the image classifier: loads ONNX Runtime, the model and the taxonomy, reports readiness, and
/// classifies decoded photos. Without the library or the model the daemon still runs: `daemon.status`
/// says why the classifier is not ready, and photos wait in the queue (not failed) until it is.
package final class ClassifierService: Sendable {
    /// A loaded model and the taxonomy that turns its labels into everyday tags.
    struct Loaded: Sendable {
        let classifier: ImageClassifier
        let taxonomy: Taxonomy
        var modelID: String { classifier.manifest.id }
    }

    private enum State {
        case unavailable(String)
        case ready(Loaded)
    }

    private let state: NIOLockedValueBox<State>
    private let logger: Logger

    /// Tries to load the classifier now; failure is recorded, not thrown.
    init(configuration: DaemonConfiguration, logger: Logger) {
        self.logger = logger
        state = NIOLockedValueBox(Self.load(configuration, logger: logger))
    }

    private static func load(_ configuration: DaemonConfiguration, logger: Logger) -> State {
        guard let directory = configuration.modelsDirectory else {
            return .unavailable("no models directory found; run `make models` or pass --models-dir")
        }
        do {
            let runtime = try OnnxRuntime.load(
                searchPaths: OnnxRuntime.searchPaths(explicitLibrary: configuration.ortLibrary, modelsDirectory: directory))
            let catalog = try ModelCatalog(directory: directory)
            let manifest = try catalog.manifest(id: configuration.modelID)
            let classifier = try ImageClassifier(
                manifest: manifest, modelsDirectory: directory, runtime: runtime,
                intraOpThreads: ProcessInfo.processInfo.activeProcessorCount, allowSpinning: false)
            let taxonomy = try Taxonomy.load(modelsDirectory: directory)
            logger.info("classifier ready", metadata: ["model": "\(manifest.id)", "onnxruntime": "\(runtime.version)"])
            return .ready(Loaded(classifier: classifier, taxonomy: taxonomy))
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

    /// Classifies one photo's bytes: the top-5 labels and the everyday tags (canonical), best first.
    ///
    /// - Throws: `ClassifierError` when decoding or inference fails.
    static func classify(_ bytes: [UInt8], with loaded: Loaded, maxPixels: Int) throws -> ([LabelRecord], [(tag: String, confidence: Double)]) {
        let tensor = try loaded.classifier.preprocessing.tensor(fromEncoded: bytes, scale: .reduced, maxPixels: maxPixels)
        guard let result = try loaded.classifier.classify(tensors: tensor, count: 1).first else { return ([], []) }
        // The taxonomy's readable WordNet name ("tabby") rather than the label file's gloss.
        let names = loaded.taxonomy.labels
        let labels = result.predictions.enumerated().map { rank, prediction in
            LabelRecord(
                rank: rank + 1,
                label: names.indices.contains(prediction.index) ? names[prediction.index].name.rawValue : prediction.label,
                wnid: prediction.wnid, confidence: prediction.probability, model: loaded.modelID)
        }
        let tags = loaded.taxonomy.tags(for: result).map { (tag: $0.tag.rawValue, confidence: $0.confidence) }
        return (labels, tags)
    }
}
