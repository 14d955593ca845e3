import Foundation
import GailleryCore
import GailleryRPC
import GailleryStore

/// photos.search latency at 100,000 photos over the socket, beside the raw echo of the same request
/// bytes and the store's own in-process query time, in one run.
enum SearchBenchmark {
    static let queries = ["dog", "dog beach", "dog | cat", "tag150", "(dog | cat) -beach since:2015"]
    static let requests = 2000

    static func run(photos: Int) throws {
        let root = try temporaryDirectory("search")
        defer { try? FileManager.default.removeItem(at: root) }
        print("\n== photos.search at \(photos) photos (\(requests) sequential requests per query, limit 50) ==")
        let data = root.appendingPathComponent("data")
        try Seeder.seed(directory: data, photos: photos)
        let socket = root.path + "/d.sock"
        let echoSocket = root.path + "/e.sock"
        let echo = try Child(CommandLine.arguments[0], ["echo-server", "--socket", echoSocket])
        defer { echo.stop() }
        try echo.waitForSocket(echoSocket)
        let daemon = try startDaemon(dataDirectory: data, socket: socket)
        defer { daemon.stop() }
        let store = try PhotoStore(directory: data)
        let client = try RPCClient(socketPath: socket)
        let echoClient = try RPCClient(socketPath: echoSocket)
        print("| query | rpc p50 µs | rpc p99 µs | in-process p50 µs | in-process p99 µs | raw echo p99 µs |")
        print("|---|---|---|---|---|---|")
        for query in queries {
            let escaped = query.replacingOccurrences(of: "\"", with: "\\\"")
            let line = Data(#"{"jsonrpc":"2.0","id":1,"method":"photos.search","params":{"query":"\#(escaped)","limit":50}}"#.utf8)
            let parsed = try TagQuery(parsing: query)
            var rpc = Samples()
            var direct = Samples()
            var raw = Samples()
            for _ in 0..<requests {
                var begin = now()
                try client.send(line: line)
                _ = try client.readLine()
                rpc.nanoseconds.append(now() - begin)
                begin = now()
                try echoClient.send(line: line)
                _ = try echoClient.readLine()
                raw.nanoseconds.append(now() - begin)
                begin = now()
                _ = try store.search(parsed, minConfidence: 0.1, limit: 50, cursor: nil)
                direct.nanoseconds.append(now() - begin)
            }
            print("| `\(query)` | \(format(rpc.p50)) | \(format(rpc.p99)) | \(format(direct.p50)) | \(format(direct.p99)) | \(format(raw.p99)) |")
        }
    }
}
