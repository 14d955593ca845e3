import Foundation
import GailleryProtocol
import NIOConcurrencyHelpers

/// Cumulative wall-clock time spent in each ingest stage, summed over the threads that ran it, and the
/// photo and batch counts they cover. `daemon.status` reports a snapshot (`pipeline`), which the ingest
/// benchmark turns into milliseconds per photo. Cheap enough to stay on: one clock read per stage
/// boundary and one uncontended lock per measurement.
final class StageClock: Sendable {
    /// The timed stages, in pipeline order.
    enum Stage: Int, CaseIterable {
        /// Reading the original and decoding it (libjpeg/libpng, DCT-reduced for JPEG).
        case decode
        /// Resizing and encoding the thumbnail (and, for PNGs with transparency, its own decode).
        case thumbnail
        /// Resizing, cropping and normalising into the model's input tensor.
        case preprocess
        /// ONNX Runtime runs, batches assembled.
        case infer
        /// Index writes: transient status changes on the decode workers, and the store thread's write
        /// batches (thumbnail files, metadata, labels, tags and final statuses in one commit).
        case store
    }

    private struct Totals {
        var nanoseconds = [UInt64](repeating: 0, count: Stage.allCases.count)
        var decoded = 0
        var classified = 0
        var batches = 0
    }

    private let totals = NIOLockedValueBox(Totals())

    /// Runs `body`, adding its duration to `stage`.
    func measure<T, E: Error>(_ stage: Stage, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            totals.withLockedValue { $0.nanoseconds[stage.rawValue] += elapsed }
        }
        return try body()
    }

    /// Counts one photo through the decode stage.
    func countDecoded() { totals.withLockedValue { $0.decoded += 1 } }

    /// Counts one inference run over `size` photos.
    func countBatch(size: Int) {
        totals.withLockedValue {
            $0.batches += 1
            $0.classified += size
        }
    }

    /// The totals so far, with the pipeline's shape, as `daemon.status` reports them.
    func snapshot(decodeWorkers: Int, batchSize: Int, inferenceThreads: Int) -> DaemonStatus.Pipeline {
        let totals = totals.withLockedValue { $0 }
        func milliseconds(_ stage: Stage) -> Double { Double(totals.nanoseconds[stage.rawValue]) / 1e6 }
        return DaemonStatus.Pipeline(
            decodeWorkers: decodeWorkers, batchSize: batchSize, inferenceThreads: inferenceThreads,
            decoded: totals.decoded, classified: totals.classified, batches: totals.batches,
            decodeMs: milliseconds(.decode), thumbnailMs: milliseconds(.thumbnail),
            preprocessMs: milliseconds(.preprocess), inferMs: milliseconds(.infer), storeMs: milliseconds(.store))
    }
}
