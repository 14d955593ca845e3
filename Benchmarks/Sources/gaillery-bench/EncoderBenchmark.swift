import Foundation
import GailleryProtocol

/// Time per encode of the daemon's result types with `WireEncoder` beside Foundation's `JSONEncoder`
/// as the wire configures it (`WireCoding.encoder()`), in interleaved rounds in one process, after
/// checking that both write the same JSON.
enum EncoderBenchmark {
    static let rounds = Int(environment("GAILLERY_BENCH_ROUNDS") ?? "") ?? 9
    /// How long each batch of encodes should take, so short values are timed over many calls.
    static let batchSeconds = Double(environment("GAILLERY_BENCH_SECONDS") ?? "") ?? 0.05

    /// One value, encoded both ways. Both sides return `Data`, as the router hands on.
    struct Case {
        let name: String
        let bytes: Int
        let wire: () throws -> Data
        let foundation: () throws -> Data

        init<Value: Encodable>(_ name: String, _ value: Value) throws {
            let encoder = WireEncoder()
            // One JSONEncoder reused for every call: Foundation's cheapest use.
            let reference = WireCoding.encoder()
            self.name = name
            self.wire = { try encoder.encodeData(value) }
            self.foundation = { try reference.encode(value) }
            self.bytes = try wire().count
        }
    }

    static func run() throws {
        let cases = try [
            Case("photos.search page (100, list form + score)", page(tags: false, scores: true)),
            Case("photos.list page (100, with 5 tags each)", page(tags: true, scores: false)),
            Case("daemon.status", status()),
            Case("photos.upload", PhotosUpload.Result(id: 123_456, sha256: hex(7), duplicate: false, status: "queued")),
        ]
        try checkEquivalent(cases)
        print(
            "== Encoder (WireEncoder vs Foundation JSONEncoder; \(rounds) interleaved rounds of ~\(format(batchSeconds * 1000, 0)) ms batches) =="
        )
        print("(same JSON from both checked first: the parsed trees are equal for every case)")
        print("| value | bytes | WireEncoder µs (median) | JSONEncoder µs (median) | JSONEncoder / WireEncoder |")
        print("|---|---|---|---|---|")
        for item in cases {
            let wireCount = try calibrate(item.wire)
            let foundationCount = try calibrate(item.foundation)
            var wireTimes: [Double] = []
            var foundationTimes: [Double] = []
            for round in 0..<rounds {
                // Alternate which goes first, so neither always runs on a warmer cache.
                if round % 2 == 0 {
                    wireTimes.append(try perCall(item.wire, count: wireCount))
                    foundationTimes.append(try perCall(item.foundation, count: foundationCount))
                } else {
                    foundationTimes.append(try perCall(item.foundation, count: foundationCount))
                    wireTimes.append(try perCall(item.wire, count: wireCount))
                }
            }
            let wire = median(wireTimes)
            let foundation = median(foundationTimes)
            print(
                "| \(item.name) | \(item.bytes) | \(format(wire, 2)) | \(format(foundation, 2)) | \(format(foundation / wire, 2))× |"
            )
        }
    }

    /// Fails unless both encoders' output parses to the same JSON (member order aside).
    static func checkEquivalent(_ cases: [Case]) throws {
        let decoder = JSONDecoder()
        for item in cases {
            let ours = try decoder.decode(JSONValue.self, from: try item.wire())
            let theirs = try decoder.decode(JSONValue.self, from: try item.foundation())
            guard ours == theirs else { throw BenchError("\(item.name): WireEncoder and JSONEncoder differ") }
        }
    }

    /// How many calls of `encode` take about `batchSeconds`.
    static func calibrate(_ encode: () throws -> Data) throws -> Int {
        var count = 1
        while true {
            let seconds = try perCall(encode, count: count) * Double(count) / 1_000_000
            if seconds >= batchSeconds / 4 { return max(1, Int(Double(count) * batchSeconds / seconds)) }
            count *= 4
        }
    }

    /// Microseconds per call over `count` calls.
    static func perCall(_ encode: () throws -> Data, count: Int) throws -> Double {
        var total = 0
        let start = now()
        for _ in 0..<count { total &+= try encode().count }
        let elapsed = now() - start
        guard total > 0 else { throw BenchError("an encoder wrote nothing") }
        return Double(elapsed) / 1000 / Double(count)
    }

    /// A page of 100 photos as the daemon lists them (`Wire.info`), optionally with scores or tags.
    static func page(tags: Bool, scores: Bool) -> PhotoPage {
        let names = ["dog", "beach", "sky", "golden retriever", "sand", "tree", "person", "car", "cat", "sunset"]
        let photos = (0..<100).map { index in
            var info = PhotoInfo(
                id: Int64(50_000 - index), sha256: hex(index), name: "IMG_\(4000 + index).JPG", format: "jpeg",
                byteSize: 2_345_678 + Int64(index * 1_013), width: 4032, height: 3024,
                orientation: index % 3 == 0 ? 6 : 1,
                takenAt: index % 5 == 0 ? nil : "2024-06-\(10 + index % 18)T12:\(10 + index % 50):0\(index % 10)",
                addedAt: "2026-11-30T08:\(10 + index % 50):1\(index % 10)Z", status: "done", error: nil, trashedAt: nil)
            if scores { info.score = 1.2 + Double(index) * 0.0137 }
            if tags {
                info.tags = (0..<5).map { rank in
                    PhotoTag(
                        tag: names[(index + rank) % names.count], confidence: 0.91 - Double(rank) * 0.173,
                        source: "model")
                }
            }
            return info
        }
        return PhotoPage(photos: photos, nextCursor: "eAEyMDI0LTA2LTEwVDEyOjEwOjAwHzQ5OTAx")
    }

    /// A `daemon.status` result with every optional part present.
    static func status() -> DaemonStatus.Result {
        DaemonStatus.Result(
            version: "0.1.0", pid: 4242, uptimeS: 86_412.375, socket: "/run/user/1000/gaillery/gailleryd.sock",
            dataDir: "/home/user/.local/share/gaillery",
            photos: DaemonStatus.Counts(total: 52_311, trashed: 12, queued: 3, processing: 2, done: 52_290, failed: 4),
            queue: DaemonStatus.Queue(depth: 5, capacity: 256, workers: 2),
            classifier: DaemonStatus.Readiness(ready: true, model: "mobilenet_v2"),
            speech: DaemonStatus.Readiness(ready: false, reason: "no microphone: plug one in or pass --audio-device"),
            connections: 3,
            pipeline: DaemonStatus.Pipeline(
                decodeWorkers: 2, batchSize: 8, inferenceThreads: 2, decoded: 52_293, classified: 52_290,
                batches: 6_600,
                decodeMs: 1_234_567.25, thumbnailMs: 345_678.5, preprocessMs: 98_765.125, inferMs: 2_468_013.75,
                storeMs: 123_456.0))
    }

    /// 64 hex digits that differ with `seed`.
    static func hex(_ seed: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        return (0..<4).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let text = String(state, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }
}
