import Foundation
import GailleryRPC

/// Round trips per second and latency for daemon.status and photos.search (10,000 indexed photos),
/// with 1 and 16 connections, beside a raw echo over the same framing, interleaved in one run.
enum RPCBenchmark {
    static let rounds = Int(environment("GAILLERY_BENCH_ROUNDS") ?? "") ?? 3
    static let seconds = Double(environment("GAILLERY_BENCH_SECONDS") ?? "") ?? 2.0
    /// Only the targets whose name contains this text (the raw baselines always run), for profiling one method.
    static let only = environment("GAILLERY_BENCH_ONLY")
    /// Event loops of the daemon (`--event-loops`) and of the echo server alike (default: the daemon's
    /// default, one per core).
    static let eventLoops =
        Int(environment("GAILLERY_BENCH_LOOPS") ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
    // GAILLERY_BENCH_CONNECTIONS=1,16 picks the connection counts (default both).

    struct Target {
        let name: String
        let socket: String
        let line: Data
    }

    static func run() throws {
        let root = try temporaryDirectory("rpc")
        defer { try? FileManager.default.removeItem(at: root) }
        print(
            "== RPC round trips (10,000 indexed photos; \(rounds) interleaved rounds of \(seconds) s; \(eventLoops) event loops each) =="
        )
        try Seeder.seed(directory: root.appendingPathComponent("data"), photos: 10_000)
        let daemonSocket = root.path + "/d.sock"
        let echoSocket = root.path + "/e.sock"
        let daemon = try startDaemon(
            dataDirectory: root.appendingPathComponent("data"), socket: daemonSocket,
            extra: ["--event-loops", "\(eventLoops)"])
        defer { daemon.stop() }
        let echo = try Child(
            CommandLine.arguments[0], ["echo-server", "--socket", echoSocket, "--threads", "\(eventLoops)"])
        defer { echo.stop() }
        try echo.waitForSocket(echoSocket)

        let statusLine = Data(#"{"jsonrpc":"2.0","id":1,"method":"daemon.status"}"#.utf8)
        let searchLine = Data(
            #"{"jsonrpc":"2.0","id":1,"method":"photos.search","params":{"query":"dog beach","limit":20}}"#.utf8)

        // A second baseline: the same transport answering every request with the search's real reply,
        // computed once here, so the table separates what the reply's size costs from what the daemon does.
        let page = try RPCClient(socketPath: daemonSocket)
        try page.send(line: searchLine)
        let pageFile = root.appendingPathComponent("page.json")
        let pageReply = try page.readLine()
        try pageReply.write(to: pageFile)
        let pageSocket = root.path + "/p.sock"
        let pageServer = try Child(
            CommandLine.arguments[0],
            ["echo-server", "--socket", pageSocket, "--threads", "\(eventLoops)", "--reply-file", pageFile.path])
        defer { pageServer.stop() }
        try pageServer.waitForSocket(pageSocket)
        print(
            "(raw page: the echo server answering each request with photos.search's reply, \(pageReply.count + 1) bytes, computed once)"
        )

        let targets = [
            Target(name: "raw echo", socket: echoSocket, line: statusLine),
            Target(name: "daemon.status", socket: daemonSocket, line: statusLine),
            Target(name: "raw page", socket: pageSocket, line: searchLine),
            Target(name: "photos.search", socket: daemonSocket, line: searchLine),
        ].filter { target in only.map { target.name.hasPrefix("raw ") || target.name.contains($0) } ?? true }
        // "vs raw echo" compares rates; "p50 vs echo" compares median latencies (echo p50 / target p50),
        // which stalls from other processes on a shared machine disturb less.
        print("| connections | target | round trips/s (median) | p50 µs | p99 µs | vs raw echo | p50 vs echo |")
        print("|---|---|---|---|---|---|---|")
        let connectionCounts = environment("GAILLERY_BENCH_CONNECTIONS").map {
            $0.split(separator: ",").compactMap { Int($0) }
        }
        for connections in connectionCounts ?? [1, 16] {
            var rates: [String: [Double]] = [:]
            var samples: [String: Samples] = [:]
            for _ in 0..<rounds {
                for target in targets {
                    let (rate, latency) = try measure(target, connections: connections)
                    rates[target.name, default: []].append(rate)
                    samples[target.name, default: Samples()].append(contentsOf: latency)
                }
            }
            let echoRate = median(rates["raw echo"]!)
            let echoP50 = samples["raw echo"]!.p50
            for target in targets {
                let rate = median(rates[target.name]!)
                let latency = samples[target.name]!
                print(
                    "| \(connections) | \(target.name) | \(format(rate, 0)) | \(format(latency.p50)) | \(format(latency.p99)) | \(format(100 * rate / echoRate, 0))% | \(format(100 * echoP50 / latency.p50, 0))% |"
                )
            }
        }
    }

    /// Runs `connections` client threads for `seconds`, each doing one request at a time.
    static func measure(_ target: Target, connections: Int) throws -> (Double, Samples) {
        let results = ResultBox(count: connections)
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let deadline = ManagedDeadline()
        let ready = DispatchGroup()
        for index in 0..<connections {
            done.enter()
            ready.enter()
            let worker = Thread {
                let client = try? RPCClient(socketPath: target.socket)
                ready.leave()
                start.wait()
                guard let client else {
                    done.leave()
                    return
                }
                var samples = Samples()
                samples.nanoseconds.reserveCapacity(100_000)
                while now() < deadline.value {
                    let begin = now()
                    try? client.send(line: target.line)
                    guard let reply = try? client.readLine(), reply.count > 10 else { break }
                    samples.nanoseconds.append(now() - begin)
                }
                results.set(index, samples)
                done.leave()
            }
            worker.start()
        }
        ready.wait()
        let begin = now()
        deadline.value = begin + UInt64(seconds * 1e9)
        for _ in 0..<connections { start.signal() }
        done.wait()
        let elapsed = Double(now() - begin) / 1e9
        var all = Samples()
        for samples in results.all { all.append(contentsOf: samples) }
        return (Double(all.nanoseconds.count) / elapsed, all)
    }
}

/// Per-thread results, written once by each worker.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Samples]

    init(count: Int) { values = Array(repeating: Samples(), count: count) }

    func set(_ index: Int, _ samples: Samples) {
        lock.lock()
        values[index] = samples
        lock.unlock()
    }

    var all: [Samples] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}

/// The end time shared by the workers (written before they are released).
final class ManagedDeadline: @unchecked Sendable {
    var value: UInt64 = .max
}
