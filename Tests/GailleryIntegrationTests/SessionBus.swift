import Foundation
import Testing

/// A private D-Bus session bus (`dbus-daemon --session`-like, from a config written here) whose service
/// directory holds the repository's `contrib/dbus/io.github.gaillery.SearchProvider.service` with `@bindir@`
/// replaced by the built binary's folder, so the bus itself starts `gaillery-search-provider` on the first
/// call, as a desktop session would. Calls go through `busctl --json=short` and `gdbus call`.
final class SessionBus: @unchecked Sendable {
    /// The provider's bus name.
    static let name = "io.github.gaillery.SearchProvider"
    static let gnomePath = "/io/github/gaillery/SearchProvider"
    static let krunnerPath = "/io/github/gaillery/KRunner"

    let root: URL
    /// `unix:path=…`: what `DBUS_SESSION_BUS_ADDRESS` is for the provider.
    let address: String
    private let process: Process

    /// The built `gaillery-search-provider`, found beside the test bundle like `DaemonHarness.binary`.
    static var providerBinary: String {
        if let path = ProcessInfo.processInfo.environment["GAILLERY_SEARCH_PROVIDER_BIN"] { return path }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("gaillery-search-provider").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath + "/.build/debug/gaillery-search-provider"
    }

    /// The repository's `contrib/dbus/`.
    static var contrib: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("contrib/dbus")
    }

    /// Starts the bus; `environment` is added to what activated services inherit (the daemon's socket, the
    /// opener and clipboard commands).
    init(environment: [String: String]) throws {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "gaillery-bus-\(UUID().uuidString.prefix(8))")
        let services = root.appendingPathComponent("services")
        try FileManager.default.createDirectory(at: services, withIntermediateDirectories: true)
        let template = try String(
            contentsOf: Self.contrib.appendingPathComponent("io.github.gaillery.SearchProvider.service"),
            encoding: .utf8)
        let binDirectory = URL(fileURLWithPath: Self.providerBinary).deletingLastPathComponent().path
        try template.replacingOccurrences(of: "@bindir@", with: binDirectory).write(
            to: services.appendingPathComponent("io.github.gaillery.SearchProvider.service"), atomically: true,
            encoding: .utf8)
        address = "unix:path=\(root.path)/bus"
        let config = root.appendingPathComponent("session.conf")
        try """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>\(address)</listen>
          <auth>EXTERNAL</auth>
          <servicedir>\(services.path)</servicedir>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """.write(to: config, atomically: true, encoding: .utf8)

        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dbus-daemon")
        process.arguments = ["--config-file=\(config.path)", "--nofork", "--nopidfile"]
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        process.environment = env
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)!
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let ready = waitUntil {
            (try? self.busctl([
                "call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
                "org.freedesktop.DBus", "GetId",
            ])) != nil
        }
        guard ready else { throw HarnessError("dbus-daemon did not start: \(log)") }
    }

    /// dbus-daemon's output, with what the activated provider wrote to standard error.
    var logPath: String { root.path + "/bus.log" }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    deinit {
        // SIGKILL: dbus-daemon may inherit a signal mask that blocks SIGTERM, and a test bus keeps nothing.
        // The provider sees the bus close and exits by itself.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// `busctl --address=… --json=short ARGS`, its output parsed.
    func busctl(_ arguments: [String]) throws -> Any {
        let output = try run("/usr/bin/busctl", ["--address=\(address)", "--json=short", "--timeout=60"] + arguments)
        // A method without out arguments prints nothing.
        if output.allSatisfy(\.isWhitespace) { return [String: Any]() }
        return try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed])
    }

    /// Calls `interface.method` on the provider with busctl's `signature` and arguments; returns the out
    /// arguments (busctl's `data`).
    func call(
        _ path: String, _ interface: String, _ method: String, _ signature: String = "", _ arguments: [String] = []
    )
        throws -> [Any]
    {
        let reply = try busctl(
            ["call", Self.name, path, interface, method] + (signature.isEmpty ? [] : [signature] + arguments))
        return (reply as? [String: Any])?["data"] as? [Any] ?? []
    }

    /// `gdbus call --address … ARGS`: GLib's printed form of the reply.
    func gdbus(_ arguments: [String]) throws -> String {
        try run("/usr/bin/gdbus", ["call", "--address", address] + arguments)
    }

    /// Whether someone owns `name` now.
    func nameHasOwner(_ name: String = SessionBus.name) throws -> Bool {
        let reply = try busctl([
            "call", "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
            "NameHasOwner", "s", name,
        ])
        return ((reply as? [String: Any])?["data"] as? [Any])?.first as? Bool ?? false
    }

    /// The process id of `name`'s owner.
    func ownerPID(_ name: String = SessionBus.name) throws -> Int32? {
        let reply = try busctl([
            "call", "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
            "GetConnectionUnixProcessID", "s", name,
        ])
        return (((reply as? [String: Any])?["data"] as? [Any])?.first as? NSNumber)?.int32Value
    }

    /// Names the bus can start from its service directory.
    func activatableNames() throws -> [String] {
        let reply = try busctl([
            "call", "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
            "ListActivatableNames",
        ])
        return ((reply as? [String: Any])?["data"] as? [Any])?.first as? [String] ?? []
    }

    /// Runs a tool, its output through files rather than pipes: a process started at the same time by another
    /// test (a daemon, a bus) could inherit a pipe's write end and keep it open, and the read would never end.
    private func run(_ executable: String, _ arguments: [String]) throws -> String {
        let stem = root.appendingPathComponent("call-\(UUID().uuidString.prefix(8))").path
        defer {
            try? FileManager.default.removeItem(atPath: stem + ".out")
            try? FileManager.default.removeItem(atPath: stem + ".err")
        }
        for suffix in [".out", ".err"] { _ = FileManager.default.createFile(atPath: stem + suffix, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: stem + ".out")
        process.standardError = FileHandle(forWritingAtPath: stem + ".err")
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOfFile: stem + ".err", encoding: .utf8)) ?? ""
            throw HarnessError("\(executable) \(arguments) exited with \(process.terminationStatus): \(errors)")
        }
        return try String(contentsOfFile: stem + ".out", encoding: .utf8)
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass (a guard against hanging, not a
/// timing check); returns whether it held.
func waitUntil(timeout: Double = 30, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(50_000)
    }
    return condition()
}
