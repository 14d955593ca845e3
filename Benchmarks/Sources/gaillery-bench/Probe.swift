import Foundation
import GailleryCore
import GailleryProtocol
import GailleryStore
import NIOPosix

/// Micro-timings of the pieces of a round trip (diagnostics for the RPC benchmark).
enum Probe {
    static func time(_ name: String, _ iterations: Int = 20_000, _ body: () throws -> Void) rethrows {
        let begin = now()
        for _ in 0..<iterations { try body() }
        print("\(name): \(format(Double(now() - begin) / Double(iterations) / 1000, 2)) µs")
    }

    /// Times the pieces on the index in `directory`, seeding 10,000 photos there first if it has none.
    static func run(directory: String) async throws {
        if !FileManager.default.fileExists(atPath: directory) {
            try Seeder.seed(directory: URL(fileURLWithPath: directory), photos: 10_000)
        }
        let store = try PhotoStore(directory: URL(fileURLWithPath: directory))
        let status = DaemonStatus.Result(
            version: "0.1.0", pid: 1, uptimeS: 1, socket: "/x", dataDir: "/y",
            photos: .init(total: 1, trashed: 0, queued: 0, processing: 0, done: 1, failed: 0),
            queue: .init(depth: 0, capacity: 1, workers: 2), classifier: .init(ready: false, reason: "none"),
            connections: 1)
        let line = Data(#"{"jsonrpc":"2.0","id":1,"method":"daemon.status"}"#.utf8)
        struct Header: Decodable { var jsonrpc: String?; var id: Int?; var method: String? }
        try time("encode status (snake strategy)") { _ = try WireCoding.encoder().encode(status) }
        try time("encode status (plain encoder)") { _ = try JSONEncoder().encode(status) }
        try time("decode header") { _ = try JSONDecoder().decode(Header.self, from: line) }
        time("store.counts") { _ = store.counts() }
        try time("store.photo") { _ = try store.photo(PhotoID(5)) }
        // Catches the index up.
        _ = try store.search(.tag(try TagName("dog")), minConfidence: 0.1, limit: 1, cursor: nil)
        for text in ["dog beach", "dog | cat", "beach -dog", "tag120 tag200", "dog | cat | beach | mountain"] {
            let query = try TagQuery(parsing: text)
            time("SearchQuery \(text) (prepared once per query text in the daemon)") { _ = SearchQuery(query) }
            try time("searchInMemory \(text), 20 hits, query prepared per call") {
                _ = try store.searchInMemory(
                    query, minConfidence: 0.1, limit: 20, cursor: nil, generation: store.changeGeneration)
            }
            let prepared = SearchQuery(query)
            try time("searchInMemory \(text), 20 hits, query prepared once") {
                _ = try store.searchInMemory(
                    prepared, minConfidence: 0.1, limit: 20, cursor: nil, generation: store.changeGeneration)
            }
        }
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        var begin = now()
        for _ in 0..<5000 { _ = try await pool.runIfActive { 1 } }
        print("NIOThreadPool hop: \(format(Double(now() - begin) / 5000 / 1000, 2)) µs")
        begin = now()
        for _ in 0..<5000 { _ = await Task { 1 }.value }
        print("Task hop: \(format(Double(now() - begin) / 5000 / 1000, 2)) µs")
        try await pool.shutdownGracefully()
    }
}
