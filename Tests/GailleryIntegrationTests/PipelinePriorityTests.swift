import Foundation
import Testing

/// The ingest pipeline's CPU-bound threads (decode workers, the inference thread and ONNX Runtime's
/// workers) run `--pipeline-nice` steps below the threads that answer clients, read from the real
/// daemon's `/proc/PID/task/*/stat`.
@Suite struct PipelinePriorityTests {
    struct TaskInfo {
        var name: String
        var nice: Int
    }

    /// Every thread of process `pid` with its name and nice value.
    static func tasks(of pid: Int32) throws -> [TaskInfo] {
        let directory = "/proc/\(pid)/task"
        return try FileManager.default.contentsOfDirectory(atPath: directory).compactMap { task in
            // Nice is field 19.
            guard let stat = ProcStat(path: "\(directory)/\(task)/stat"), let nice = stat.field(19) else { return nil }
            return TaskInfo(name: stat.name, nice: nice)
        }
    }

    @Test func decodeAndInferenceThreadsRunBelowTheEventLoops() throws {
        let daemon = try DaemonHarness(arguments: [
            "--workers", "2", "--inference-threads", "3", "--pipeline-nice", "7",
        ]).start()
        defer { daemon.stop() }
        let pid = try #require(daemon.process?.processIdentifier)
        let tasks = try Self.tasks(of: pid)
        let lowered = tasks.filter { $0.nice == 7 }
        // 2 decode workers and the inference thread, and ONNX Runtime's pool: at least 2 more threads
        // for 3 intra-op threads (the one that calls Run works too; this ONNX Runtime starts 3).
        #expect(lowered.count >= 5, "threads: \(tasks.map { "\($0.name)=\($0.nice)" })")
        let eventLoops = tasks.filter { $0.name.hasPrefix("NIO-ELT") }
        #expect(!eventLoops.isEmpty)
        #expect(eventLoops.allSatisfy { $0.nice == 0 })
    }

    @Test func zeroKeepsEveryThreadAtTheDaemonsPriority() throws {
        let daemon = try DaemonHarness(arguments: ["--pipeline-nice", "0"]).start()
        defer { daemon.stop() }
        let pid = try #require(daemon.process?.processIdentifier)
        let tasks = try Self.tasks(of: pid)
        #expect(tasks.allSatisfy { $0.nice <= 0 }, "threads: \(tasks.map { "\($0.name)=\($0.nice)" })")
    }
}
