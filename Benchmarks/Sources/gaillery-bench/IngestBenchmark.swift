import Foundation
import GailleryProtocol
import GailleryRPC

/// `gaillery-bench ingest [--sizes WxH:N,...] [--shapes B:T:W,...] [--rounds R] [--model ID]`: end-to-end ingest
/// (upload → done) in photos/s for 12-MP and 1-MP JPEGs (default: 40 of 4000×3000 and 200 of 1152×864,
/// three interleaved rounds) through the real daemon over its socket, beside
/// the Python peer (Benchmarks/python/ingest_peer.py) doing the same work in the same run, with
/// per-stage milliseconds per photo and peak RSS of both; then inference alone, gaillery's
/// `ImageClassifier` against onnxruntime's own figure at the same batch size and threads
/// (`IngestBenchmark+Inference.swift`).
///
/// Daemon shapes are batch size : inference threads : decode workers; the default compares the
/// daemon's defaults on 2 cores (1:2:2, no batching) with batches of up to 4 and 8.
enum IngestBenchmark {
    /// One daemon configuration.
    struct Shape {
        /// `--batch-size`: the most photos per inference run.
        var batch: Int
        /// `--inference-threads`: ONNX Runtime intra-op threads.
        var threads: Int
        /// `--workers`: decode threads.
        var workers: Int
        /// The gailleryd flags for this shape.
        var arguments: [String] {
            ["--batch-size", "\(batch)", "--inference-threads", "\(threads)", "--workers", "\(workers)"]
        }
    }

    /// One line of the results table: throughput, per-stage ms per photo, peak RSS.
    struct Row {
        /// What ran.
        var name: String
        /// Photos over seconds from the first upload to the last photo done.
        var photosPerSecond: Double
        /// Stage name and wall-clock milliseconds per photo.
        var stages: [(String, Double)]
        /// Notes for the last column.
        var detail: String
        /// Peak resident set (VmHWM), KiB.
        var peakRSSKiB: Int
        /// CPU milliseconds (user + system) per photo of the daemon or the peer's workers.
        var cpuPerPhoto: Double
    }

    /// Parses the options, makes the photos and prints the tables.
    /// - Throws: `BenchError` for a bad option, a missing `models/` or venv, or a failed run.
    static func run(arguments: [String]) throws {
        var sizes = [(width: 4000, height: 3000, count: 40), (width: 1152, height: 864, count: 200)]
        var rounds = 3
        var shapes = [
            Shape(batch: 1, threads: 2, workers: 2), Shape(batch: 4, threads: 2, workers: 2),
            Shape(batch: 8, threads: 2, workers: 2),
        ]
        var model = "efficientnet-lite0"
        var pairs = arguments.makeIterator()
        while let flag = pairs.next() {
            guard let value = pairs.next() else { throw BenchError("\(flag) needs a value") }
            switch flag {
            case "--sizes":
                sizes = value.split(separator: ",").compactMap { size in
                    let parts = size.split(whereSeparator: { $0 == "x" || $0 == ":" }).compactMap { Int($0) }
                    return parts.count == 3 ? (parts[0], parts[1], parts[2]) : nil
                }
            case "--model": model = value
            case "--rounds": rounds = max(1, Int(value) ?? rounds)
            case "--shapes":
                shapes = value.split(separator: ",").compactMap { shape in
                    let parts = shape.split(separator: ":").compactMap { Int($0) }
                    return parts.count == 3 ? Shape(batch: parts[0], threads: parts[1], workers: parts[2]) : nil
                }
            default:
                throw BenchError(
                    "ingest: unknown option \(flag); use --sizes WxH:N,..., --shapes B:T:W,..., --rounds R, --model ID")
            }
        }
        let setup = try Setup(model: model)
        let work = try temporaryDirectory("ingest")
        defer { try? FileManager.default.removeItem(at: work) }
        for (width, height, count) in sizes where count > 0 {
            let label = "\(width)x\(height)"
            let (paths, mean) = try makePhotos(
                count: count, width: width, height: height, models: setup.models,
                into: work.appendingPathComponent(label))
            let megapixels = format(Double(width * height) / 1e6)
            print(
                "\n== Ingest \(count) \(megapixels)-MP JPEGs (\(width)×\(height), mean \(mean / 1024) KiB), model \(model) =="
            )
            // Rounds interleave every run, so a burst of load on the machine hits all of them alike.
            var results: [[Row]] = []
            for round in 0..<rounds {
                var rows: [Row] = []
                for (index, shape) in shapes.enumerated() {
                    let root = work.appendingPathComponent("d\(label)-\(round)-\(index)")
                    rows.append(try daemonRow(paths, shape: shape, setup: setup, root: root))
                    try? FileManager.default.removeItem(at: root)
                }
                for draft in [false, true] {
                    let out = work.appendingPathComponent("p\(label)-\(round)-\(draft)")
                    rows.append(try peerRow(paths, draft: draft, setup: setup, out: out))
                    try? FileManager.default.removeItem(at: out)
                }
                results.append(rows)
            }
            printTable(medians(results), baseline: shapes.count)
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
        }
        try compareInference(setup: setup, threads: Array(Set(shapes.map(\.threads))).sorted(), batches: [1, 4, 8])
    }

    /// Uploads every photo by path over two connections and waits until all are done.
    static func daemonRow(_ paths: [String], shape: Shape, setup: Setup, root: URL) throws -> Row {
        let socket = root.path + ".sock"
        // The Python peer runs at the default priority, so the pipeline does too (`--pipeline-nice 0`):
        // at its default it would yield to every other process on this shared machine.
        let daemon = try startDaemon(
            dataDirectory: root, socket: socket,
            extra: [
                "--models-dir", setup.models.path, "--model", setup.model, "--queue-capacity", "100000",
                "--pipeline-nice", "0",
            ]
                + shape.arguments)
        defer { daemon.stop() }
        let client = try RPCClient(socketPath: socket)
        let before = try client.call(DaemonStatus.self, NoParams())
        guard before.classifier.ready else {
            throw BenchError("classifier not ready: \(before.classifier.reason ?? "")")
        }
        let idleRSS = peakRSS(pid: daemon.process.processIdentifier)
        let cpuBefore = cpuSeconds(pid: daemon.process.processIdentifier)
        let ids = IDs()
        let begin = now()
        let group = DispatchGroup()
        for connection in 0..<2 {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let uploader = try? RPCClient(socketPath: socket) else { return }
                for index in stride(from: connection, to: paths.count, by: 2) {
                    if let id = try? uploader.call(PhotosUpload.self, .init(path: paths[index])).id { ids.append(id) }
                }
            }.start()
        }
        group.wait()
        let waited = try client.call(PhotosWait.self, .init(ids: ids.values, timeoutMs: 600_000))
        let seconds = Double(now() - begin) / 1e9
        let cpu = cpuSeconds(pid: daemon.process.processIdentifier) - cpuBefore
        guard ids.values.count == paths.count, waited.complete, waited.photos.allSatisfy({ $0.status == "done" }) else {
            throw BenchError(
                "not every upload finished as done: \(waited.photos.filter { $0.status != "done" }.prefix(3))")
        }
        guard let pipeline = try client.call(DaemonStatus.self, NoParams()).pipeline else {
            throw BenchError("daemon.status has no pipeline timers (an older gailleryd?)")
        }
        let photos = Double(max(1, pipeline.decoded))
        return Row(
            name: "gailleryd batch \(shape.batch), \(shape.threads) ORT thread(s), \(shape.workers) decoders",
            photosPerSecond: Double(paths.count) / seconds,
            stages: [
                ("decode", pipeline.decodeMs / photos), ("thumbnail", pipeline.thumbnailMs / photos),
                ("preprocess", pipeline.preprocessMs / photos),
                ("infer", pipeline.inferMs / Double(max(1, pipeline.classified))), ("store", pipeline.storeMs / photos),
            ],
            detail: "mean batch \(format(Double(pipeline.classified) / Double(max(1, pipeline.batches)))); "
                + "RSS idle with model \(idleRSS / 1024) MiB",
            peakRSSKiB: peakRSS(pid: daemon.process.processIdentifier), cpuPerPhoto: 1000 * cpu / Double(paths.count))
    }

    /// Runs the Python peer on the same files with two worker processes of one ORT thread each.
    static func peerRow(_ paths: [String], draft: Bool, setup: Setup, out: URL) throws -> Row {
        let arguments =
            [
                setup.peer, "ingest", "--models-dir", setup.models.path, "--model", setup.model, "--out", out.path,
                "--workers", "2", "--threads", "1",
            ] + (draft ? ["--draft"] : []) + paths
        let report = try JSONSerialization.jsonObject(with: Data(run(setup.python, arguments).utf8)) as? [String: Any]
        guard let report, let photos = report["photos"] as? Int, let seconds = report["seconds"] as? Double,
            let stages = report["stage_ms"] as? [String: Double], let rss = report["peak_rss_kib"] as? [Int],
            let cpu = report["cpu_seconds"] as? Double
        else { throw BenchError("the Python peer printed no report") }
        let perPhoto = { (name: String) in (stages[name] ?? .nan) / Double(max(1, photos)) }
        return Row(
            name: draft ? "Python peer, Image.draft (DCT-reduced like gailleryd)" : "Python peer (full decode)",
            photosPerSecond: Double(photos) / seconds,
            stages: [
                ("decode", perPhoto("decode")), ("thumbnail", 0), ("preprocess", perPhoto("preprocess")),
                ("infer", perPhoto("infer")), ("store", perPhoto("store_copy") + perPhoto("store_index")),
            ],
            detail: "2 processes × 1 ORT thread; store = copy \(format(perPhoto("store_copy"))) + SQLite "
                + "\(format(perPhoto("store_index"))) ms",
            peakRSSKiB: rss.reduce(0, +), cpuPerPhoto: 1000 * cpu / Double(max(1, photos)))
    }

    /// Per run, the round with the median photos/s (its stage times and notes), with the range of all
    /// rounds' photos/s and the highest peak RSS.
    static func medians(_ rounds: [[Row]]) -> [(row: Row, range: ClosedRange<Double>)] {
        rounds[0].indices.map { index in
            let runs = rounds.map { $0[index] }.sorted { $0.photosPerSecond < $1.photosPerSecond }
            var row = runs[runs.count / 2]
            row.peakRSSKiB = runs.map(\.peakRSSKiB).max() ?? 0
            return (row, runs[0].photosPerSecond...runs[runs.count - 1].photosPerSecond)
        }
    }

    /// The results table; ratios are against the row at `baseline` (the full-decode Python peer).
    static func printTable(_ rows: [(row: Row, range: ClosedRange<Double>)], baseline: Int) {
        print(
            "| run | photos/s (range) | vs Python (full) | CPU ms/photo | decode | thumbnail | preprocess | infer | store | peak RSS MiB | notes |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for (row, range) in rows {
            let ratio = format(row.photosPerSecond / rows[baseline].row.photosPerSecond, 2)
            let stages = row.stages.map { format($0.1) }.joined(separator: " | ")
            print(
                "| \(row.name) | \(format(row.photosPerSecond)) (\(format(range.lowerBound))–\(format(range.upperBound))) "
                    + "| \(ratio)× | \(format(row.cpuPerPhoto, 0)) | \(stages) | \(row.peakRSSKiB / 1024) | \(row.detail) |"
            )
        }
        print(
            "(stage columns: wall-clock ms per photo on the thread that ran it, median round; RSS: peak over rounds, the peer's summed over its processes)"
        )
    }

    /// User + system CPU seconds of a process so far, all threads, from /proc/PID/stat.
    static func cpuSeconds(pid: Int32) -> Double {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        guard let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// VmHWM (peak resident set) of a process, in KiB, from /proc/PID/status.
    static func peakRSS(pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        let fields = line.split { $0 == " " || $0 == "\t" }
        return fields.count > 1 ? Int(fields[1]) ?? 0 : 0
    }
}
