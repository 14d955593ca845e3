import ArgumentParser
import GailleryProtocol

/// `gaillery status`: what the daemon is doing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon's version, uptime, photo counts, queue, classifier and speech readiness.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let status = try global.connect().call(DaemonStatus.self, .init())
        if !global.json { Console.out(StatusText.render(status, colour: Console.colour)) }
    }
}

/// `daemon.status` as a short human summary.
enum StatusText {
    /// The summary, one aspect per line.
    static func render(_ status: DaemonStatus.Result, colour: Bool) -> String {
        let counts = status.photos
        var photos = "\(counts.total) (\(counts.done) done, \(counts.queued) queued, \(counts.processing) processing, "
        photos += Style.forStatus(counts.failed > 0 ? "failed" : "").apply("\(counts.failed) failed", enabled: colour)
        photos += "), \(counts.trashed) in the trash"
        func readiness(_ value: DaemonStatus.Readiness) -> String {
            value.ready
                ? Style.green.apply("ready", enabled: colour) + (value.model.map { " (\($0))" } ?? "")
                : Style.yellow.apply("not ready", enabled: colour) + (value.reason.map { ": \($0)" } ?? "")
        }
        let lines: [(key: String, value: String)] =
            [
                ("daemon", "gailleryd \(status.version), pid \(status.pid), up \(Durations.human(status.uptimeS))"),
                ("socket", status.socket),
                ("data dir", status.dataDir),
                ("photos", photos),
                ("queue", "\(status.queue.depth) of \(status.queue.capacity), \(status.queue.workers) workers"),
                ("classifier", readiness(status.classifier)),
            ] + (status.speech.map { [("speech", readiness($0))] } ?? []) + gallery(status.http) + [
                ("clients", counted(status.connections, "connection"))
            ]
        return Table.keyValues(lines).joined(separator: "\n")
    }

    /// The web gallery's line: its address (open it with `gaillery open`), or why it is not listening.
    private static func gallery(_ http: DaemonStatus.HTTP?) -> [(key: String, value: String)] {
        guard let http else { return [] }
        guard http.listening else { return [("gallery", "not listening: \(http.reason ?? "unknown")")] }
        return [("gallery", "\(http.url) (gaillery open)")]
    }
}
