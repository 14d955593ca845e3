import Foundation
import GailleryClassifier
import GailleryProtocol
import GailleryRPC
import GailleryVision

/// `gaillery-bench people [--count N] [--rounds R]`: the person detector.
///
/// 1. Calibration: the detector (in process, as the daemon runs it) on the calibration photos of
///    `Benchmarks/people/photos.tsv`; prints each confidence and the threshold they fit (midway between
///    the highest non-person and the lowest person), to compare with `PersonDetector.tagThreshold`.
/// 2. Test: the test photos (other sources) uploaded to the real daemon; person recall and false
///    `person` tags, read back with `photos.get`.
/// 3. Throughput: N 1-MP JPEGs (default 200) ingested by the daemon with the detector on and off
///    (`--no-person-detector`), rounds interleaved (default 3), median photos/s of each and their ratio.
enum PeopleBenchmark {
    /// One line of photos.tsv.
    struct Entry {
        var set: String
        var person: Bool
        var path: String
        var name: String
    }

    static func run(arguments: [String]) throws {
        var count = 200
        var rounds = 3
        var pairs = arguments.makeIterator()
        while let flag = pairs.next() {
            guard let value = pairs.next().flatMap({ Int($0) }) else { throw BenchError("\(flag) needs a number") }
            switch flag {
            case "--count": count = value
            case "--rounds": rounds = max(1, value)
            default: throw BenchError("people: unknown option \(flag); use --count N, --rounds R")
            }
        }
        let setup = try IngestBenchmark.Setup(model: "efficientnet-lite0")
        let entries = try photoSet(models: setup.models)
        try calibrate(entries.filter { $0.set == "calibration" }, models: setup.models)
        try test(entries.filter { $0.set == "test" }, setup: setup)
        try throughput(count: count, rounds: rounds, setup: setup)
    }

    /// The photos listed in photos.tsv, fetched by Benchmarks/people/fetch.
    static func photoSet(models: URL) throws -> [Entry] {
        let list = models.deletingLastPathComponent().appendingPathComponent("Benchmarks/people")
        let directory = try IngestBenchmark.run(list.appendingPathComponent("fetch").path, [])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let text = try String(contentsOf: list.appendingPathComponent("photos.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4 else { return nil }
            return Entry(
                set: fields[0], person: fields[1] == "yes", path: "\(directory)/\(fields[2])/\(fields[3])",
                name: fields[3])
        }
    }

    static func calibrate(_ entries: [Entry], models: URL) throws {
        let runtime = try OnnxRuntime.load(searchPaths: OnnxRuntime.searchPaths(modelsDirectory: models))
        let detector = try PersonDetector(modelsDirectory: models, runtime: runtime, intraOpThreads: 2)
        print("\n== Person detector: calibration set (\(entries.count) photos, in process) ==")
        var scores: [(Entry, Double)] = []
        for entry in entries {
            let image = try ImageCodec.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: entry.path))), alpha: .drop)
            let confidence = try detector.detect([image], threshold: 1)[0].confidence
            scores.append((entry, confidence))
        }
        for (entry, confidence) in scores.sorted(by: { $0.1 > $1.1 }) {
            print("\(format(confidence, 3))  \(entry.person ? "person" : "      ")  \(entry.name)")
        }
        let lowestPerson = scores.filter { $0.0.person }.map(\.1).min() ?? 1
        let highestOther = scores.filter { !$0.0.person }.map(\.1).max() ?? 0
        print(
            "highest non-person \(format(highestOther, 3)), lowest person \(format(lowestPerson, 3)): fitted threshold "
                + "\(format((highestOther + lowestPerson) / 2, 3)); the daemon uses \(PersonDetector.tagThreshold)")
    }

    static func test(_ entries: [Entry], setup: IngestBenchmark.Setup) throws {
        let root = try temporaryDirectory("people-test")
        defer { try? FileManager.default.removeItem(at: root) }
        let socket = root.path + "/rpc.sock"
        let daemon = try startDaemon(
            dataDirectory: root.appendingPathComponent("data"), socket: socket,
            extra: ["--models-dir", setup.models.path])
        defer { daemon.stop() }
        let client = try RPCClient(socketPath: socket)
        var ids: [Int64] = []
        for entry in entries { ids.append(try client.call(PhotosUpload.self, .init(path: entry.path)).id) }
        let waited = try client.call(PhotosWait.self, .init(ids: ids, timeoutMs: 600_000))
        guard waited.complete, waited.photos.allSatisfy({ $0.status == "done" }) else {
            throw BenchError("not every test photo finished as done: \(waited.photos.filter { $0.status != "done" })")
        }
        print("\n== Person detector: test set (\(entries.count) photos, other sources) through gailleryd ==")
        var found = 0
        var falseTags: [String] = []
        for (entry, id) in zip(entries, ids) {
            let info = try client.call(PhotosGet.self, .init(id: id))
            let person = info.tags?.first { $0.tag == "person" }
            let boxes = info.personBoxes?.count ?? 0
            print(
                "\(person.map { format($0.confidence, 3) } ?? "  -  ")  \(entry.person ? "person" : "      ")  "
                    + "\(entry.name) (\(boxes) box\(boxes == 1 ? "" : "es"))")
            if entry.person, person != nil { found += 1 }
            if !entry.person, person != nil { falseTags.append(entry.name) }
        }
        let people = entries.filter(\.person).count
        print(
            "recall \(found)/\(people) = \(format(100 * Double(found) / Double(max(1, people))))%; "
                + "false person tags \(falseTags.count)/\(entries.count - people) \(falseTags)")
    }

    static func throughput(count: Int, rounds: Int, setup: IngestBenchmark.Setup) throws {
        let work = try temporaryDirectory("people-ingest")
        defer { try? FileManager.default.removeItem(at: work) }
        let (paths, mean) = try IngestBenchmark.makePhotos(
            count: count, width: 1152, height: 864, models: setup.models, into: work.appendingPathComponent("photos"))
        print("\n== Ingest \(count) 1-MP JPEGs (mean \(mean / 1024) KiB) with the person detector off and on ==")
        var rates: [Bool: [Double]] = [false: [], true: []]
        for round in 0..<rounds {
            for detect in [false, true] {
                let root = work.appendingPathComponent("r\(round)-\(detect)")
                rates[detect]!.append(try ingest(paths, detect: detect, setup: setup, root: root))
                try? FileManager.default.removeItem(at: root)
            }
        }
        let off = median(rates[false]!)
        let on = median(rates[true]!)
        print("detector off: \(format(off)) photos/s (rounds \(rates[false]!.map { format($0) }))")
        print("detector on:  \(format(on)) photos/s (rounds \(rates[true]!.map { format($0) }))")
        print("on / off: \(format(100 * on / off))%")
    }

    /// Photos/s from the first upload to the last photo done, daemon defaults but the detector switch.
    static func ingest(_ paths: [String], detect: Bool, setup: IngestBenchmark.Setup, root: URL) throws -> Double {
        let socket = root.path + ".sock"
        let daemon = try startDaemon(
            dataDirectory: root, socket: socket,
            extra: ["--models-dir", setup.models.path, "--queue-capacity", "100000", "--pipeline-nice", "0"]
                + (detect ? [] : ["--no-person-detector"]))
        defer { daemon.stop() }
        let client = try RPCClient(socketPath: socket)
        guard try client.call(DaemonStatus.self, NoParams()).classifier.ready else {
            throw BenchError("classifier not ready")
        }
        // Uploads by path on one connection: each call only stages the file, so one client keeps the
        // pipeline fed and the time measured is the pipeline's.
        let begin = now()
        let ids = try paths.map { try client.call(PhotosUpload.self, .init(path: $0)).id }
        let waited = try client.call(PhotosWait.self, .init(ids: ids, timeoutMs: 600_000))
        let seconds = Double(now() - begin) / 1e9
        guard ids.count == paths.count, waited.complete, waited.photos.allSatisfy({ $0.status == "done" }) else {
            throw BenchError("not every upload finished as done")
        }
        return Double(paths.count) / seconds
    }
}
