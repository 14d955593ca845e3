import Foundation
import GailleryRPC

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Latency samples in nanoseconds and the summary the README reports.
struct Samples {
    var nanoseconds: [UInt64] = []

    mutating func append(contentsOf other: Samples) { nanoseconds += other.nanoseconds }

    func percentile(_ p: Double) -> Double {
        guard !nanoseconds.isEmpty else { return .nan }
        let sorted = nanoseconds.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
        return Double(sorted[max(0, index)]) / 1000
    }

    var p50: Double { percentile(0.50) }
    var p99: Double { percentile(0.99) }
}

/// The value of the environment variable `name`, if set.
func environment(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

/// A child process (the daemon or the echo server) killed when the benchmark ends.
final class Child {
    let process = Process()

    init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    func waitForSocket(_ path: String) throws {
        for _ in 0..<1000 {
            if let fd = try? RawSocket.connect(path: path) {
                close(fd)
                return
            }
            usleep(10_000)
        }
        throw BenchError("nothing listens on \(path)")
    }

    func stop() {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}

/// The directory holding this executable and its sibling `gailleryd`.
var binDirectory: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
}

func temporaryDirectory(_ name: String) throws -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gaillery-bench-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Starts `gailleryd` on a fresh socket with `dataDirectory` and waits until it serves.
func startDaemon(dataDirectory: URL, socket: String, extra: [String] = []) throws -> Child {
    let daemon = try Child(
        binDirectory.appendingPathComponent("gailleryd").path,
        ["--socket", socket, "--data-dir", dataDirectory.path, "--log-level", "error"] + extra)
    try daemon.waitForSocket(socket)
    return daemon
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
