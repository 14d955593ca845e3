import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Starts the real `gailleryd` binary on a temporary socket and data directory, and stops it.
///
/// The binary is the one built beside the test bundle (`swift build --build-tests` builds it), or
/// `$GAILLERY_DAEMON_BIN`.
final class DaemonHarness: @unchecked Sendable {
    let root: URL
    let socketPath: String
    let dataDirectory: URL
    /// Flags added after the harness's own (which include `--http off`: a later `--http` wins); a test may
    /// change them between restarts.
    var extraArguments: [String]
    /// A command that runs the daemon (e.g. `prlimit --nofile=…`), or empty to run it directly.
    let launcher: [String]
    private(set) var process: Process?
    private(set) var stderrPath: String

    /// - Parameter base: where to make the temporary root (default: the system's temporary directory).
    init(arguments: [String] = [], launcher: [String] = [], base: String = NSTemporaryDirectory()) throws {
        root = URL(fileURLWithPath: base).appendingPathComponent("gaillery-it-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        socketPath = root.path + "/run/rpc.sock"
        dataDirectory = root.appendingPathComponent("data")
        extraArguments = arguments
        self.launcher = launcher
        stderrPath = root.path + "/daemon.log"
    }

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["GAILLERY_DAEMON_BIN"] { return path }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("gailleryd").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return ".build/debug/gailleryd"
    }

    /// The repository's `models/` (prepared by `make models`, which `make test` runs first).
    static var modelsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models").path
    }

    /// Launches the daemon and waits until it accepts connections.
    @discardableResult
    func start(environment: [String: String] = [:]) throws -> Self {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher.first ?? Self.binary)
        process.arguments =
            (launcher.isEmpty ? [] : Array(launcher.dropFirst()) + [Self.binary])
            + [
                "--socket", socketPath, "--data-dir", dataDirectory.path, "--models-dir", Self.modelsDirectory,
                "--log-level", "notice", "--http", "off",
            ]
            + extraArguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let log = FileHandle(forWritingAtPath: stderrPath)!
        log.seekToEndOfFile()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        self.process = process
        try waitUntilReady()
        return self
    }

    func waitUntilReady(timeout: Double = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let client = try? RPCClient(socketPath: socketPath),
                (try? client.call(DaemonStatus.self, NoParams())) != nil
            {
                return
            }
            if let process, !process.isRunning {
                throw HarnessError("gailleryd exited with \(process.terminationStatus): \(log)")
            }
            usleep(20_000)
        }
        throw HarnessError("gailleryd did not start within \(timeout) s: \(log)")
    }

    var log: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func client() throws -> RPCClient { try RPCClient(socketPath: socketPath) }

    /// Sends a signal and waits for the process to exit; returns its exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        guard let process else { return 0 }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: root)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension RPCClient {
    /// Calls and expects an RPC error; returns it (records an issue and returns nil on success).
    func expectError<M: RPCMethod>(
        _ method: M.Type, _ params: M.Params, sourceLocation: SourceLocation = #_sourceLocation
    ) -> RPCError? {
        do {
            let result = try call(method, params)
            Issue.record("expected an error from \(M.method), got \(result)", sourceLocation: sourceLocation)
            return nil
        } catch let error as RPCError {
            return error
        } catch {
            Issue.record("expected an RPC error from \(M.method), got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Sends a raw line and decodes the reply as generic JSON.
    func raw(_ line: String) throws -> JSONValue {
        try send(line: Data(line.utf8))
        return try JSONDecoder().decode(JSONValue.self, from: readLine())
    }
}
