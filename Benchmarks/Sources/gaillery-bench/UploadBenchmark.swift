import Foundation
import GailleryProtocol
import GailleryRPC
import GailleryVision

/// Upload throughput for 1-MP JPEGs: acknowledged uploads/s and end-to-end (upload → done) photos/s,
/// beside the I/O floor every durable upload pays (read, write, fsync, rename, directory fsync),
/// measured on the same files in the same run.
enum UploadBenchmark {
    static func run(count: Int) throws {
        let root = try temporaryDirectory("upload")
        defer { try? FileManager.default.removeItem(at: root) }
        print("\n== Upload \(count) 1-MP JPEGs (1152×864) ==")
        let inbox = root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        var paths: [String] = []
        var bytes = 0
        for index in 0..<count {
            let jpeg = try ImageCodec.encodeJPEG(photoLike(width: 1152, height: 864, seed: index), quality: 90)
            let path = inbox.appendingPathComponent(String(format: "img%04d.jpg", index)).path
            try Data(jpeg).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            bytes += jpeg.count
        }
        print("average file: \(bytes / count / 1024) KiB")
        print("| run | acknowledged/s | end-to-end photos/s | vs durable-copy floor |")
        print("|---|---|---|---|")
        let floor = try durableCopy(paths, into: root.appendingPathComponent("floor"))
        print("| durable copy (baseline) | \(format(floor, 0)) | — | 100% |")
        for connections in [1, 4] {
            let (acked, endToEnd) = try uploadThroughDaemon(
                paths, root: root.appendingPathComponent("d\(connections)"), connections: connections)
            print(
                "| gailleryd, \(connections) connection(s) | \(format(acked, 0)) | \(format(endToEnd, 0)) | \(format(100 * acked / floor, 0))% |"
            )
        }
    }

    /// A smooth image with texture, so that JPEG sizes and decode times resemble a photo's.
    static func photoLike(width: Int, height: Int, seed: Int) -> RGBImage {
        var state = UInt32(truncatingIfNeeded: seed &* 2_654_435_761 &+ 1)
        return RGBImage(width: width, height: height) { x, y in
            state = state &* 1_664_525 &+ 1_013_904_223
            let noise = Int(state >> 28)
            let r = (x * 255 / width + noise + seed) & 0xFF
            let g = (y * 255 / height + noise * 2) & 0xFF
            let b = ((x + y) * 128 / (width + height) + seed * 7 + noise) & 0xFF
            return (UInt8(r), UInt8(g), UInt8(b))
        }
    }

    static func durableCopy(_ paths: [String], into directory: URL) throws -> Double {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let begin = now()
        for (index, path) in paths.enumerated() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let temporary = directory.path + "/tmp\(index)"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fsync(fd)
            close(fd)
            rename(temporary, directory.path + "/f\(index)")
            let dfd = open(directory.path, O_RDONLY | O_DIRECTORY)
            fsync(dfd)
            close(dfd)
        }
        return Double(paths.count) / (Double(now() - begin) / 1e9)
    }

    static func uploadThroughDaemon(_ paths: [String], root: URL, connections: Int) throws -> (Double, Double) {
        let socket = root.path + ".sock"
        let daemon = try startDaemon(dataDirectory: root, socket: socket)
        defer { daemon.stop() }
        let ids = IDs()
        let begin = now()
        let group = DispatchGroup()
        for connection in 0..<connections {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let client = try? RPCClient(socketPath: socket) else { return }
                for index in stride(from: connection, to: paths.count, by: connections) {
                    while true {
                        do {
                            ids.append(try client.call(PhotosUpload.self, .init(path: paths[index])).id)
                            break
                        } catch let error as RPCError where error.code == .busy {
                            usleep(20_000)
                        } catch {
                            FileHandle.standardError.write(Data("upload failed: \(error)\n".utf8))
                            break
                        }
                    }
                }
            }.start()
        }
        group.wait()
        let acked = Double(paths.count) / (Double(now() - begin) / 1e9)
        let client = try RPCClient(socketPath: socket)
        let result = try client.call(PhotosWait.self, .init(ids: ids.values, timeoutMs: 600_000))
        guard result.complete, result.photos.allSatisfy({ $0.status == "done" }) else {
            throw BenchError("not every upload finished as done")
        }
        let endToEnd = Double(paths.count) / (Double(now() - begin) / 1e9)
        return (acked, endToEnd)
    }
}

/// Ids appended by several threads.
final class IDs: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int64] = []

    func append(_ id: Int64) {
        lock.lock()
        list.append(id)
        lock.unlock()
    }

    var values: [Int64] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
