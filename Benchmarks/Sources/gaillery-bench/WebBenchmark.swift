import Foundation
import GailleryProtocol
import GailleryRPC
import GailleryCore
import GailleryStore
import GailleryTestSupport
import GailleryVision

/// The web gallery at N photos (default 10,000, from `Seeder`): the grid's first page (`photos.list`,
/// 100 photos) through `POST /rpc` beside the same request over the Unix socket, and one thumbnail
/// served from a warm page cache (200, and 304 on `If-None-Match`), all on kept-alive connections in
/// one run. Each request follows the last by `pause`, as in `SearchBenchmark`.
enum WebBenchmark {
    static let iterations = 1000
    static let pause: useconds_t = 1000

    static func run(photos: Int) throws {
        let root = try temporaryDirectory("web")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        try Seeder.seed(directory: data, photos: photos)
        // Seeded rows have no files: one thumbnail (a 320×240 JPEG, as the pipeline makes) is put in place.
        let thumbnailBytes: Int
        do {
            let store = try PhotoStore(directory: data)
            let first = try requireBench(try store.photo(PhotoID(1)), "photo 1 was not seeded")
            // A gradient with noise, so that it compresses about as a photo's thumbnail does.
            var random = SplitMix64(seed: 7)
            let image = RGBImage(width: 320, height: 240) { x, y in
                let noise = UInt8(truncatingIfNeeded: random.next() & 63)
                return (UInt8(x * 191 / 320) &+ noise, UInt8(y * 191 / 240) &+ noise, UInt8((x ^ y) & 127) &+ noise)
            }
            let jpeg = try ImageCodec.encodeJPEG(image)
            let path = store.blobs.thumbnailPath(sha256: first.sha256)
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(jpeg).write(to: URL(fileURLWithPath: path))
            thumbnailBytes = jpeg.count
        }
        let socket = root.path + "/d.sock"
        let daemon = try startDaemon(dataDirectory: data, socket: socket, extra: ["--http", "127.0.0.1:0"])
        defer { daemon.stop() }
        let client = try RPCClient(socketPath: socket)
        let status = try client.call(DaemonStatus.self, NoParams())
        let port = try requireBench(status.http.flatMap { URLComponents(string: $0.url)?.port }, "no http in status")
        let login = try client.call(GalleryOpen.self, .init()).url
        let components = try requireBench(URLComponents(string: login), "bad login URL \(login)")
        let loggedIn = try HTTPProbe(port: port).request(
            "GET", components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? ""))
        let cookie = try requireBench(
            loggedIn.headers["set-cookie"]?.split(separator: ";").first.map(String.init), "login gave no cookie")
        let http = try HTTPProbe(port: port)
        let line = #"{"jsonrpc":"2.0","id":1,"method":"photos.list","params":{"limit":100}}"#
        let rpcHeaders = [("Cookie", cookie), ("Content-Type", "application/json")]
        let viaHTTP = try http.request("POST", "/rpc", headers: rpcHeaders, body: Data(line.utf8))
        try client.send(line: Data(line.utf8))
        let viaSocket = try client.readLine()
        let same = viaHTTP.body == viaSocket ? "identical" : "DIFFERENT"
        print("\n== web gallery at \(photos) photos: \(iterations) runs each, \(pause) µs apart, ms ==")
        print("photos.list first page (100): the HTTP and socket replies are \(same) (\(viaSocket.count) bytes)")
        let thumbnailPath = "/photos/1/thumbnail"
        let served = try http.request("GET", thumbnailPath, headers: [("Cookie", cookie)])
        guard served.status == 200, served.body.count == thumbnailBytes, let etag = served.headers["etag"] else {
            throw BenchError("the thumbnail was not served: \(served.status), \(served.body.count) bytes")
        }
        let targets: [(String, () throws -> Void)] = [
            (
                "photos.list over the Unix socket (baseline)",
                {
                    try client.send(line: Data(line.utf8))
                    _ = try client.readLine()
                }
            ),
            (
                "photos.list through POST /rpc",
                {
                    _ = try http.request("POST", "/rpc", headers: rpcHeaders, body: Data(line.utf8))
                }
            ),
            (
                "thumbnail GET (\(thumbnailBytes) bytes, warm)",
                {
                    _ = try http.request("GET", thumbnailPath, headers: [("Cookie", cookie)])
                }
            ),
            (
                "thumbnail If-None-Match → 304",
                {
                    _ = try http.request("GET", thumbnailPath, headers: [("Cookie", cookie), ("If-None-Match", etag)])
                }
            ),
        ]
        let rows = Array(zip(targets.map(\.0), try measure(targets.map(\.1))))
        let baseline = rows[0].1.percentile(0.5)
        print("| request | p50 | p99 | p50 vs socket |")
        print("|---|---|---|---|")
        for (name, samples) in rows {
            print(
                "| \(name) | \(format(samples.percentile(0.5) / 1000, 3)) | \(format(samples.percentile(0.99) / 1000, 3)) | "
                    + "\(format(samples.percentile(0.5) / baseline, 2))x |")
        }
    }

    /// Times each body `iterations` times, interleaved (one of each per round), so that a stall from
    /// another process lands on any of them alike.
    private static func measure(_ bodies: [() throws -> Void]) throws -> [Samples] {
        for body in bodies { for _ in 0..<50 { try body() } }
        var samples = [Samples](repeating: Samples(), count: bodies.count)
        for _ in 0..<iterations {
            for (index, body) in bodies.enumerated() {
                usleep(pause)
                let begin = now()
                try body()
                samples[index].nanoseconds.append(now() - begin)
            }
        }
        return samples
    }
}

/// `value`, or a `BenchError` with `message` when it is nil.
func requireBench<T>(_ value: T?, _ message: String) throws -> T {
    guard let value else { throw BenchError(message) }
    return value
}
