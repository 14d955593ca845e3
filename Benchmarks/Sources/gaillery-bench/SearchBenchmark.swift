import Foundation
import GailleryCore
import GailleryRPC
import GailleryStore

/// photos.search at N photos (default 100,000), per query shape, under uniform and Zipf tag
/// popularity (see `Seeder`): the store's in-process time with its in-memory index beside the
/// straightforward SQL statement (the baseline) in the same run, and the round trip through the daemon
/// beside the raw echo of the same request bytes.
enum SearchBenchmark {
    /// One measured query: its text, what it stands for, and which page is timed (1 = the first).
    struct Shape {
        let query: String
        let shape: String
        var page = 1
    }

    static let shapes: [Shape] = [
        Shape(query: "dog", shape: "single tag, the most common"),
        Shape(query: "tag150", shape: "single tag, middle"),
        Shape(query: "tag299", shape: "single tag, the rarest"),
        Shape(query: "dog cat", shape: "AND of the two most common"),
        Shape(query: "dog beach mountain", shape: "3-term AND, common"),
        Shape(query: "tag100 tag200", shape: "AND, rare"),
        Shape(query: "dog | cat", shape: "OR of the two most common"),
        Shape(query: "dog | cat | beach | mountain", shape: "OR of four common"),
        Shape(query: "tag100 | tag200", shape: "OR, rare"),
        Shape(query: "(dog | cat) beach", shape: "OR inside AND"),
        Shape(query: "dog -cat", shape: "AND NOT, common"),
        Shape(query: "-dog", shape: "NOT only"),
        Shape(query: "dog | -cat", shape: "OR with NOT (every photo a candidate)"),
        Shape(query: "tag150 | status:failed", shape: "OR with a filter"),
        Shape(query: "dog since:2020 until:2022", shape: "tag and dates"),
        Shape(query: "status:failed", shape: "filter only"),
        Shape(query: "dog | cat", shape: "OR of the two most common, page 10", page: 10),
    ]
    static let iterations = 1000
    static let baselineIterations = 20
    static let limit = 50
    /// The pause before each timed request, as between interactive searches. Back to back, a CPU-bound
    /// loop on this shared 2-core machine is preempted every few ms for a whole scheduler slice (about
    /// 4 ms), which then lands in the p99 of every query shape, however short (the raw echo's too).
    static let pause: useconds_t = 1000

    static func run(photos: Int) throws {
        // GAILLERY_BENCH_DISTRIBUTION=zipf (or uniform) runs one distribution.
        let only = environment("GAILLERY_BENCH_DISTRIBUTION")
        for distribution in Seeder.Distribution.allCases where only.map({ "\(distribution)" == $0 }) ?? true {
            try run(photos: photos, distribution: distribution)
        }
    }

    static func run(photos: Int, distribution: Seeder.Distribution) throws {
        let root = try temporaryDirectory("search-\(distribution)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        var begin = now()
        try Seeder.seed(directory: data, photos: photos, distribution: distribution)
        let seeding = Double(now() - begin) / 1e9
        begin = now()
        let store = try PhotoStore(directory: data)
        let opening = Double(now() - begin) / 1e6
        print("\n== photos.search at \(photos) photos, \(distribution) tags (limit \(limit)) ==")
        let counts = try store.tagsList(prefix: nil, limit: 3).map { "\($0.tag) \($0.count)" }
        print("seeded in \(format(seeding)) s; most common tags: \(counts.joined(separator: ", "))")
        print(
            "store opened in \(format(opening)) ms (index load included); index memory "
                + "\(format(Double(store.searchIndex.memoryFootprint) / 1_048_576)) MiB")
        let socket = root.path + "/d.sock"
        let echoSocket = root.path + "/e.sock"
        let echo = try Child(CommandLine.arguments[0], ["echo-server", "--socket", echoSocket])
        defer { echo.stop() }
        try echo.waitForSocket(echoSocket)
        let daemon = try startDaemon(dataDirectory: data, socket: socket)
        defer { daemon.stop() }
        let client = try RPCClient(socketPath: socket)
        let echoClient = try RPCClient(socketPath: echoSocket)
        print(
            "in-process: the store with its index (\(iterations) runs) and the straightforward SQL statement "
                + "(\(baselineIterations) runs); rpc: the same request through gailleryd, beside the raw echo; "
                + "each run \(pause) µs after the last; ms")
        print(
            "| query | shape | hits | p50 | p99 | CPU p99 | SQL p50 | SQL p99 | p50 vs SQL | rpc p50 | rpc p99 | "
                + "echo p99 |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        var worst = 0.0
        for shape in shapes {
            worst = max(worst, try measure(shape, store: store, client: client, echoClient: echoClient))
        }
        print("slowest in-process p99: \(format(worst, 2)) ms")
        try measureAfterWrites(store)
    }

    /// Times one shape and prints its row; returns the in-process p99 in ms.
    static func measure(_ shape: Shape, store: PhotoStore, client: RPCClient, echoClient: RPCClient) throws -> Double {
        let query = try TagQuery(parsing: shape.query)
        var cursor: String?
        for _ in 1..<shape.page {
            cursor = try store.search(query, minConfidence: 0.1, limit: limit, cursor: cursor).nextCursor
        }
        let page = try store.search(query, minConfidence: 0.1, limit: limit, cursor: cursor)
        let reference = try store.search(
            query, minConfidence: 0.1, limit: limit, cursor: cursor, strategy: .straightforward)
        let agreement = page == reference ? "" : page.hits.map(\.id) == reference.hits.map(\.id) ? " ≈" : " MISMATCH"
        let (indexed, cpu) = try time(iterations) {
            _ = try store.search(query, minConfidence: 0.1, limit: limit, cursor: cursor)
        }
        let (baseline, _) = try time(baselineIterations) {
            _ = try store.search(query, minConfidence: 0.1, limit: limit, cursor: cursor, strategy: .straightforward)
        }
        let escaped = shape.query.replacingOccurrences(of: "\"", with: "\\\"")
        let cursorField = cursor.map { #","cursor":"\#($0)""# } ?? ""
        let params = #"{"query":"\#(escaped)","limit":\#(limit)\#(cursorField)}"#
        let line = Data(#"{"jsonrpc":"2.0","id":1,"method":"photos.search","params":\#(params)}"#.utf8)
        var rpc = Samples()
        var raw = Samples()
        for _ in 0..<iterations {
            usleep(pause)
            var begin = now()
            try client.send(line: line)
            _ = try client.readLine()
            rpc.nanoseconds.append(now() - begin)
            usleep(pause)
            begin = now()
            try echoClient.send(line: line)
            _ = try echoClient.readLine()
            raw.nanoseconds.append(now() - begin)
        }
        let ms = { (value: Double) in format(value / 1000, 2) }
        print(
            "| `\(shape.query)` | \(shape.shape) | \(page.hits.count)\(agreement) | \(ms(indexed.p50)) | "
                + "\(ms(indexed.p99)) | \(ms(cpu.p99)) | \(ms(baseline.p50)) | \(ms(baseline.p99)) | "
                + "\(format(baseline.p50 / indexed.p50, 0))x | \(ms(rpc.p50)) | \(ms(rpc.p99)) | \(ms(raw.p99)) |")
        return indexed.p99 / 1000
    }

    /// Search right after a write, so every search first replays the change (the index's upkeep).
    static func measureAfterWrites(_ store: PhotoStore) throws {
        let query = try TagQuery(parsing: "dog | cat")
        srand48(7)
        var search = Samples()
        var write = Samples()
        for _ in 0..<200 {
            let photo = PhotoID(Int64(1 + drand48() * 1000))
            let tags = [(tag: "dog", confidence: 0.9), (tag: Seeder.tags[Int(drand48() * 300)], confidence: 0.4)]
            var begin = now()
            try store.recordClassification(photo, labels: [], tags: tags)
            write.nanoseconds.append(now() - begin)
            begin = now()
            _ = try store.search(query, minConfidence: 0.1, limit: limit, cursor: nil)
            search.nanoseconds.append(now() - begin)
        }
        print(
            "`dog | cat` right after each of 200 classifications (catch-up included): p50 "
                + "\(format(search.p50 / 1000, 2)) ms, p99 \(format(search.p99 / 1000, 2)) ms; "
                + "the write itself (fsync): p50 \(format(write.p50 / 1000, 2)) ms")
    }

    /// Wall-clock and thread CPU time samples of `count` runs of `body`, each after `pause`, after a few
    /// warm-up runs.
    static func time(_ count: Int, _ body: () throws -> Void) rethrows -> (wall: Samples, cpu: Samples) {
        func cpuNow() -> UInt64 {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
        }
        for _ in 0..<min(10, count) { try body() }
        var wall = Samples()
        var cpu = Samples()
        for _ in 0..<count {
            usleep(pause)
            let begin = now()
            let cpuBegin = cpuNow()
            try body()
            cpu.nanoseconds.append(cpuNow() - cpuBegin)
            wall.nanoseconds.append(now() - begin)
        }
        return (wall, cpu)
    }
}
