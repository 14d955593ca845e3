import Foundation
import Testing

@testable import GailleryRPC

/// `RPCClient.readLine` against a plain listening socket: lines split across reads, several lines in
/// one read, empty lines, and a line longer than one 64 KiB read.
@Suite struct RPCClientReadTests {
    @Test func readsLinesWhateverTheReadBoundaries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rpcclient-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/s.sock"
        let listener = try Self.listen(path: path)
        defer { close(listener) }

        let client = try RPCClient(socketPath: path)
        let peer = accept(listener, nil, nil)
        #expect(peer >= 0)
        defer { close(peer) }

        let long = String(repeating: "x", count: 70_000) + "y"
        let pieces = ["first\nsec", "ond\n\n", long + "\nla", "st\n", "a\nb\nc\n"]
        let writer = Thread {
            for piece in pieces {
                var bytes = Array(piece.utf8)[...]
                while !bytes.isEmpty {
                    let written = bytes.withUnsafeBytes { write(peer, $0.baseAddress, $0.count) }
                    if written <= 0 { return }
                    bytes = bytes.dropFirst(written)
                }
                usleep(20_000)  // lets the client read each piece on its own
            }
        }
        writer.start()

        var lines: [String] = []
        for _ in 0..<8 { lines.append(String(decoding: try client.readLine(), as: UTF8.self)) }
        #expect(lines == ["first", "second", "", long, "last", "a", "b", "c"])
    }

    /// A listening Unix socket at `path`.
    static func listen(path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(
            fd >= 0 && bound == 0 && Glibc.listen(fd, 4) == 0,
            "listening on \(path): \(String(cString: strerror(errno)))")
        return fd
    }
}
