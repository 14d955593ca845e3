import Foundation

/// The programs speaker adaptation runs: SphinxTrain's `bw` (Baum-Welch statistics over the enrollment
/// recordings) and `map_adapt` (MAP re-estimation of the Gaussian means), and pocketsphinx's
/// `pocketsphinx_mdef_convert` (the model definition as text, which `bw` reads).
package struct SphinxTrainTools: Sendable, Equatable {
    /// Path of `bw`.
    package var bw: String
    /// Path of `map_adapt`.
    package var mapAdapt: String
    /// Path of `pocketsphinx_mdef_convert`.
    package var mdefConvert: String
    /// The longest one tool may run before it is killed.
    package var timeout: Duration = .seconds(120)

    /// Tools at explicit paths.
    package init(bw: String, mapAdapt: String, mdefConvert: String) {
        self.bw = bw
        self.mapAdapt = mapAdapt
        self.mdefConvert = mdefConvert
    }

    /// Debian 12's packages: sphinxtrain (`/usr/lib/sphinxtrain`) and pocketsphinx.
    package static let debian = SphinxTrainTools(
        bw: "/usr/lib/sphinxtrain/bw", mapAdapt: "/usr/lib/sphinxtrain/map_adapt",
        mdefConvert: "/usr/bin/pocketsphinx_mdef_convert")

    /// Checks that every tool is there and executable.
    ///
    /// - Throws: `AdaptationError` naming the missing program and the package to install.
    package func check() throws {
        for (path, package) in [(bw, "sphinxtrain"), (mapAdapt, "sphinxtrain"), (mdefConvert, "pocketsphinx")]
        where !FileManager.default.isExecutableFile(atPath: path) {
            throw AdaptationError.model(
                "speaker adaptation needs \(path), which is missing; install it with apt-get install \(package)")
        }
    }

    /// Runs `tool` with `arguments`, its output appended to `log`, and waits up to `timeout`.
    ///
    /// - Throws: `AdaptationError` when it cannot start, is killed for taking too long, or exits non-zero
    ///   (quoting its last error lines).
    func run(_ tool: String, _ arguments: [String], log: URL) throws {
        let name = URL(fileURLWithPath: tool).lastPathComponent
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        output.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw AdaptationError.model("could not start \(tool): \(error); reinstall sphinxtrain")
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw AdaptationError.tool(
                "\(name) took longer than \(Int(seconds)) s and was stopped; enroll with fewer recordings")
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw AdaptationError.tool(
                "\(name) failed (status \(process.terminationStatus)): \(Self.lastErrors(in: log)); "
                    + "check that sphinxtrain and pocketsphinx-en-us are installed and not damaged")
        }
    }

    /// The last two `ERROR` lines of a tool's log, or its last line.
    static func lastErrors(in log: URL) -> String {
        let lines = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("ERROR") || $0.hasPrefix("FATAL") }.suffix(2)
        return (errors.isEmpty ? Array(lines.suffix(1)) : Array(errors)).joined(separator: " / ")
    }
}
