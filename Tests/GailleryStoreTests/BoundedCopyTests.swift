import Foundation
import GailleryCore
import Testing

@testable import GailleryStore

/// Copies of client-named files: the limit holds for the bytes read, not the size a file declares; the
/// content is judged before the rest is copied; a copy can be cancelled; kernel pseudo-files are refused.
@Suite final class BoundedCopyTests {
    let directory: URL
    let blobs: BlobStore

    init() throws {
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("copy-\(UUID().uuidString)")
        blobs = try BlobStore(root: directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A file of `count` bytes starting with JPEG's magic number.
    func file(bytes count: Int) throws -> String {
        let path = directory.path + "/source-\(count).jpg"
        var bytes = [UInt8](repeating: 0x5A, count: count)
        bytes.replaceSubrange(0..<3, with: [0xFF, 0xD8, 0xFF])
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    var temporaryFiles: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path + "/tmp")) ?? []
    }

    /// Reads `path` as if it declared `declaredSize` bytes.
    func read(
        _ path: String, declaredSize: Int64, maxBytes: Int64, isCancelled: () -> Bool = { false }
    ) throws -> Int {
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        var total = 0
        try BoundedReader.readChunks(
            fd, path: path, declaredSize: declaredSize, maxBytes: maxBytes, limitName: "test limit",
            isCancelled: isCancelled
        ) { total += $0.count }
        return total
    }

    @Test func theLimitHoldsForTheBytesReadWhateverTheFileDeclares() throws {
        let path = try file(bytes: 5 << 20)
        #expect(try read(path, declaredSize: 5 << 20, maxBytes: 5 << 20) == 5 << 20)
        let error = #expect(throws: BoundedReader.Failure.self) {
            _ = try self.read(path, declaredSize: 4096, maxBytes: 2 << 20)
        }
        #expect(error?.description.contains("over the 2097152-byte test limit") == true, "\(String(describing: error))")
    }

    @Test func aFileThatDeclaresNoBytesButHasContentIsRefused() throws {
        let path = try file(bytes: 100)
        let error = #expect(throws: BoundedReader.Failure.self) {
            _ = try self.read(path, declaredSize: 0, maxBytes: 1 << 20)
        }
        #expect(error?.description.contains("size of 0 bytes but has content") == true)
        // A truly empty file is read as empty.
        let empty = directory.path + "/empty"
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(try read(empty, declaredSize: 0, maxBytes: 1 << 20) == 0)
    }

    @Test func aCancelledReadStopsBetweenChunks() throws {
        let path = try file(bytes: 8 << 20)
        var asked = 0
        let error = #expect(throws: BoundedReader.Failure.self) {
            _ = try self.read(path, declaredSize: 8 << 20, maxBytes: 16 << 20) {
                asked += 1
                return asked > 2
            }
        }
        #expect(error?.cancelled == true)
        #expect(asked == 3)
    }

    @Test func stagingJudgesTheFirstBytesBeforeCopyingTheRest() throws {
        let path = try file(bytes: 8 << 20)
        struct Refused: Error {}
        var judged: [UInt8] = []
        var chunksAsked = 0
        #expect(throws: Refused.self) {
            _ = try self.blobs.stage(
                contentsOf: path, maxBytes: 16 << 20,
                accept: { head in
                    judged = head; throw Refused()
                },
                isCancelled: {
                    chunksAsked += 1; return false
                })
        }
        #expect(judged.count == MediaKind.sniffLength)
        #expect(Array(judged.prefix(3)) == [0xFF, 0xD8, 0xFF])
        // Refused within the first chunk: no second chunk was read.
        #expect(chunksAsked == 1)
        #expect(temporaryFiles.isEmpty)
    }

    @Test func aCancelledStagingLeavesNothingBehind() throws {
        let path = try file(bytes: 8 << 20)
        var asked = 0
        let error = #expect(throws: BlobStore.SourceError.self) {
            _ = try self.blobs.stage(
                contentsOf: path, maxBytes: 16 << 20,
                isCancelled: {
                    asked += 1; return asked > 2
                })
        }
        #expect(error?.cancelled == true)
        #expect(temporaryFiles.isEmpty)
    }

    @Test(arguments: ["/proc/self/pagemap", "/proc/self/mem", "/proc/self/status", "/sys/devices/system/cpu/online"])
    func kernelPseudoFilesAreRefusedBeforeReading(path: String) throws {
        try #require(FileManager.default.fileExists(atPath: path), "\(path) is not on this machine")
        let error = #expect(throws: BlobStore.SourceError.self) {
            _ = try self.blobs.stage(contentsOf: path, maxBytes: 10 << 20)
        }
        #expect(error?.description.contains("kernel pseudo-filesystem") == true, "\(String(describing: error))")
        #expect(temporaryFiles.isEmpty)
    }
}
