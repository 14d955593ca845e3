import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Socket location, permissions, peer credentials, locking and socket activation.
@Suite struct SocketSecurityTests {
    @Test func socketIs0600InA0700Directory() throws {
        let daemon = try DaemonHarness().start()
        var info = stat()
        #expect(stat(daemon.socketPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(stat((daemon.socketPath as NSString).deletingLastPathComponent, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
    }

    @Test func anExistingStickySharedDirectoryIsUsedButNotChanged() throws {
        let daemon = try DaemonHarness()
        let directory = (daemon.socketPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        #expect(chmod(directory, 0o1777) == 0)
        try daemon.start()
        var info = stat()
        #expect(stat(directory, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o1777)
        #expect(stat(daemon.socketPath, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(try daemon.client().call(DaemonStatus.self, NoParams()).pid > 0)
    }

    @Test(arguments: [0o777, 0o775]) func anExistingWritableDirectoryWithoutStickyBitIsRefused(mode: Int) throws {
        let daemon = try DaemonHarness()
        let directory = (daemon.socketPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        #expect(chmod(directory, mode_t(mode)) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonHarness.binary)
        process.arguments = ["--socket", daemon.socketPath, "--data-dir", daemon.dataDirectory.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        // Until it exits or listens: a daemon that took the directory would otherwise never end the test.
        while process.isRunning, !FileManager.default.fileExists(atPath: daemon.socketPath) { usleep(10_000) }
        if process.isRunning {
            Issue.record("gailleryd listens in a mode \(String(mode, radix: 8)) directory")
            kill(process.processIdentifier, SIGKILL)
        }
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("socket directory \(directory) is writable by group or others"))
        #expect(message.contains("sticky bit"))
        var info = stat()
        #expect(stat(directory, &info) == 0)
        #expect(info.st_mode & 0o7777 == mode_t(mode))
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    }

    @Test func peersOfAnotherUserAreRefused() throws {
        guard getuid() == 0 else { return }  // needs root to act as another user
        // /var/tmp, not /tmp: on some machines /tmp is 0700, and "nobody" must be able to reach the socket.
        let daemon = try DaemonHarness(base: "/var/tmp").start()
        // Open the directories and socket up, so only SO_PEERCRED stands between "nobody" and the daemon.
        chmod(daemon.root.path, 0o755)
        chmod((daemon.socketPath as NSString).deletingLastPathComponent, 0o777)
        chmod(daemon.socketPath, 0o777)
        let script = """
            import os, socket, sys
            os.setgid(65534); os.setuid(65534)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.settimeout(5)
            s.connect(sys.argv[1])
            try:
                s.sendall(b'{"jsonrpc":"2.0","id":1,"method":"daemon.status"}\\n')
                data = s.recv(100)
            except (BrokenPipeError, ConnectionResetError):
                data = b''
            print("reply" if data else "closed")
            """
        let output = try run("/usr/bin/python3", ["-c", script, daemon.socketPath])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "closed")
        #expect(daemon.log.contains("refused a peer of another user"))
        #expect(try daemon.client().call(DaemonStatus.self, NoParams()).pid > 0)
    }

    @Test func aSecondDaemonOnTheSameDataDirectoryExitsWithAClearMessage() throws {
        let first = try DaemonHarness().start()
        let second = Process()
        second.executableURL = URL(fileURLWithPath: DaemonHarness.binary)
        second.arguments = ["--socket", first.root.path + "/run2/rpc.sock", "--data-dir", first.dataDirectory.path]
        let pipe = Pipe()
        second.standardError = pipe
        try second.run()
        second.waitUntilExit()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(second.terminationStatus != 0)
        #expect(message.contains("another gailleryd"))
        #expect(message.contains("--data-dir"))
    }

    @Test func aStaleSocketFileIsReplaced() throws {
        let daemon = try DaemonHarness()
        try FileManager.default.createDirectory(
            atPath: (daemon.socketPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Bind a socket and close it without unlinking: a stale file nobody listens on.
        _ = try run(
            "/usr/bin/python3",
            ["-c", "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])", daemon.socketPath])
        #expect(FileManager.default.fileExists(atPath: daemon.socketPath))
        try daemon.start()
        #expect(try daemon.client().call(DaemonStatus.self, NoParams()).pid > 0)
    }

    @Test func systemdSocketActivationServesTheInheritedSocket() throws {
        let daemon = try DaemonHarness()
        let directory = (daemon.socketPath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = """
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(sys.argv[1]); s.listen(16)
            os.dup2(s.fileno(), 3); os.set_inheritable(3, True)
            os.environ["LISTEN_FDS"] = "1"; os.environ["LISTEN_PID"] = str(os.getpid())
            os.execv(sys.argv[2], [sys.argv[2], "--socket", sys.argv[1], "--data-dir", sys.argv[3]])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, daemon.socketPath, DaemonHarness.binary, daemon.dataDirectory.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try daemon.waitUntilReady()
        let status = try daemon.client().call(DaemonStatus.self, NoParams())
        #expect(status.pid == process.processIdentifier)
    }

    @Test func sigtermShutsDownCleanlyAndCheckpointsTheWAL() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        _ = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.jpeg()).base64EncodedString()))
        #expect(daemon.stop(signal: SIGTERM) == 0)
        let wal = daemon.dataDirectory.appendingPathComponent("index.sqlite-wal").path
        let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(size == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
    }
}

/// Runs a program to completion and returns its standard output and error.
func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
