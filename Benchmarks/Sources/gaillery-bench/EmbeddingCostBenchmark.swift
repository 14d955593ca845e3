import Foundation
import GailleryClassifier
import GailleryVision

/// What fetching the embedding costs the classifier: batches of 8 real photos through one session that
/// fetches probabilities and embeddings (what the daemon runs) beside one that fetches only the
/// probabilities (the classifier before "more like this"), the same model file, alternating batch by batch.
enum EmbeddingCostBenchmark {
    static let rounds = Int(environment("GAILLERY_BENCH_ROUNDS") ?? "") ?? 15

    static func run(models: URL) throws {
        let runtime = try OnnxRuntime.load(searchPaths: OnnxRuntime.searchPaths(modelsDirectory: models))
        let manifest = try ModelCatalog(directory: models).manifest(id: "efficientnet-lite0")
        var before = manifest
        before.embedding = nil
        let withEmbedding = try ImageClassifier(
            manifest: manifest, modelsDirectory: models, runtime: runtime, intraOpThreads: 2)
        let without = try ImageClassifier(
            manifest: before, modelsDirectory: models, runtime: runtime, intraOpThreads: 2)
        let photos = try DuplicatesBenchmark.photoDirectory(models)
        let names = DuplicatesBenchmark.fitting.photos + ["hubble_deep_field.jpg", "retina.jpg", "coins.png"]
        var tensors: [Float] = []
        for name in names {
            let image = try ImageCodec.decode([UInt8](try Data(contentsOf: photos.appendingPathComponent(name))))
            tensors += try withEmbedding.preprocessing.tensor(from: image)
        }
        _ = try withEmbedding.classify(tensors: tensors, count: names.count)
        _ = try without.classify(tensors: tensors, count: names.count)
        var times: [[Double]] = [[], []]
        for round in 0..<rounds {
            for side in (round % 2 == 0 ? [0, 1] : [1, 0]) {
                let start = now()
                _ = try (side == 0 ? withEmbedding : without).classify(tensors: tensors, count: names.count)
                times[side].append(Double(now() - start) / 1e6 / Double(names.count))
            }
        }
        let (after, base) = (median(times[0]), median(times[1]))
        print(
            "== Classify with and without the embedding output (efficientnet-lite0, batches of \(names.count), 2 threads, \(rounds) rounds) =="
        )
        print("| session | ms per photo (median) | photos/s |")
        print("|---|---|---|")
        print("| probabilities only (before) | \(format(base, 2)) | \(format(1000 / base, 1)) |")
        print("| probabilities + embedding (after) | \(format(after, 2)) | \(format(1000 / after, 1)) |")
        print("throughput after / before: \(format(base / after, 3))")
    }
}
