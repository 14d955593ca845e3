import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Out of file descriptors, the daemon stops accepting for a moment instead of retrying at once (which
/// spun a core), says so in its log, keeps serving the clients it has, and takes new ones once
/// descriptors are free again. The real daemon under `prlimit --nofile=128`, with 150 clients.
@Suite struct DescriptorExhaustionTests {
    /// The CPU time (user + system, fields 14 and 15) process `pid` has used, in seconds.
    static func cpuSeconds(_ pid: Int32) throws -> Double {
        let stat = try #require(ProcStat(path: "/proc/\(pid)/stat"))
        let ticks = try #require(stat.field(14)) + (try #require(stat.field(15)))
        return Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")))
    func theSoftLimitIsRaisedToTheHardOne() throws {
        let daemon = try DaemonHarness(launcher: ["/usr/bin/prlimit", "--nofile=256:2048"]).start()
        defer { daemon.stop() }
        let pid = try #require(daemon.process?.processIdentifier)
        let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let line = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        #expect(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).prefix(2) == ["2048", "2048"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit")))
    func runningOutOfDescriptorsNeitherSpinsNorStopsService() throws {
        let daemon = try DaemonHarness(launcher: ["/usr/bin/prlimit", "--nofile=128:128"]).start()
        defer { daemon.stop() }
        let pid = try #require(daemon.process?.processIdentifier)
        let first = try daemon.client()
        var sockets: [Int32] = []
        func closeAll() {
            for descriptor in sockets { close(descriptor) }
            sockets = []
        }
        defer { closeAll() }
        for _ in 0..<150 { sockets.append(try RawSocket.connect(path: daemon.socketPath)) }
        usleep(500_000)
        let before = try Self.cpuSeconds(pid)
        usleep(2_000_000)
        let spent = try Self.cpuSeconds(pid) - before
        // Spinning on accept used the whole 2 s of a core.
        #expect(spent < 0.5, "the daemon used \(spent) s of CPU in 2 s while out of descriptors")
        #expect(daemon.log.contains("cannot accept connections"))
        #expect(daemon.log.contains("raise the open-file limit"))
        // A client connected before keeps being served.
        _ = try first.call(DaemonStatus.self, NoParams())
        // Once the waiting clients leave, new ones are served.
        closeAll()
        let deadline = Date().addingTimeInterval(5)
        var served = false
        while !served, Date() < deadline {
            served = (try? daemon.client().call(DaemonStatus.self, NoParams())) != nil
            if !served { usleep(50_000) }
        }
        #expect(served)
    }
}
