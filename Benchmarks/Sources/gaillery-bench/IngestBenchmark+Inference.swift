import Foundation
import GailleryClassifier

extension IngestBenchmark {
    /// One inference figure: wall-clock median and minimum, and process CPU, in ms per image.
    struct InferenceTime {
        /// Median wall-clock ms per image.
        var median: Double
        /// Fastest run's wall-clock ms per image (the least disturbed by other work).
        var minimum: Double
        /// Median process CPU ms per image (all ONNX Runtime threads).
        var cpu: Double
    }

    /// Inference alone, in the same run: gaillery's `ImageClassifier` (dlopen'ed ONNX Runtime, spinning
    /// off, as gailleryd runs it) against onnxruntime's Python API on the same ONNX file with the same
    /// threads and batch, 20 timed runs after 3 warm-ups each; five rounds, alternating; per column the
    /// median over rounds (the minimum column: the smallest).
    static func compareInference(setup: Setup, threads: [Int], batches: [Int]) throws {
        let runtime = try OnnxRuntime.load(searchPaths: OnnxRuntime.searchPaths(modelsDirectory: setup.models))
        let manifest = try ModelCatalog(directory: setup.models).manifest(id: setup.model)
        print("\n== Inference alone, \(setup.model), ms per image: median / minimum wall clock, median process CPU ==")
        print(
            "| ORT threads | batch | gaillery ImageClassifier | onnxruntime (Python) | ratio (median, minimum, CPU) |")
        print("|---|---|---|---|---|")
        for count in threads {
            let classifier = try ImageClassifier(
                manifest: manifest, modelsDirectory: setup.models, runtime: runtime, intraOpThreads: count,
                allowSpinning: false)
            var ours: [Int: [InferenceTime]] = [:]
            var theirs: [Int: [InferenceTime]] = [:]
            for _ in 0..<5 {
                for batch in batches { ours[batch, default: []].append(try milliseconds(classifier, batch: batch)) }
                let output = try run(
                    setup.python,
                    [
                        setup.peer, "infer", "--models-dir", setup.models.path, "--model", setup.model, "--threads",
                        "\(count)",
                        "--batches", batches.map(String.init).joined(separator: ","),
                    ])
                let report = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
                let figures = report?["per_image"] as? [String: [String: Double]] ?? [:]
                for batch in batches {
                    let figure = figures["\(batch)"] ?? [:]
                    theirs[batch, default: []].append(
                        InferenceTime(
                            median: figure["median_ms"] ?? .nan, minimum: figure["min_ms"] ?? .nan,
                            cpu: figure["cpu_ms"] ?? .nan))
                }
            }
            for batch in batches {
                let (a, b) = (summary(ours[batch] ?? []), summary(theirs[batch] ?? []))
                let cells = [a, b].map { "\(format($0.median, 2)) / \(format($0.minimum, 2)) / \(format($0.cpu, 2))" }
                let ratios = [a.median / b.median, a.minimum / b.minimum, a.cpu / b.cpu].map { format($0, 3) }
                print("| \(count) | \(batch) | \(cells[0]) | \(cells[1]) | \(ratios.joined(separator: ", ")) |")
            }
        }
    }

    /// Medians over rounds, and the smallest minimum.
    static func summary(_ rounds: [InferenceTime]) -> InferenceTime {
        InferenceTime(
            median: median(rounds.map(\.median)), minimum: rounds.map(\.minimum).min() ?? .nan,
            cpu: median(rounds.map(\.cpu)))
    }

    /// 20 runs of a fixed pseudo-random batch after 3 warm-ups: ms per image.
    static func milliseconds(_ classifier: ImageClassifier, batch: Int) throws -> InferenceTime {
        var state: UInt32 = 1
        let tensors = (0..<(batch * classifier.preprocessing.tensorCount)).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(Int(state >> 16) - 32768) / 16384
        }
        for _ in 0..<3 { _ = try classifier.classify(tensors: tensors, count: batch) }
        var times: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<20 {
            let (start, startCPU) = (now(), processCPU())
            _ = try classifier.classify(tensors: tensors, count: batch)
            times.append(Double(now() - start) / 1e6 / Double(batch))
            cpu.append((processCPU() - startCPU) / Double(batch))
        }
        return InferenceTime(median: median(times), minimum: times.min() ?? .nan, cpu: median(cpu))
    }

    /// This process's CPU time (all threads), in milliseconds.
    static func processCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
    }
}
