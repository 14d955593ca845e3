import ArgumentParser
import Foundation
import GailleryProtocol

/// `gaillery import DIR`: starts a directory import in the daemon and follows its progress.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import every JPEG and PNG in a directory, as a background job of the daemon.",
        discussion: """
            Shows a progress bar with the rate and ETA until the job ends, then until the daemon has classified \
            what it queued, so that the photos are searchable when it returns (--no-wait: return when the files \
            are stored). Names the photos that failed with the reason and the files left alone as neither JPEG \
            nor PNG. Ctrl-C stops watching, not the import; `gaillery jobs cancel ID` stops it. Exits 2 when \
            some files failed or the job was cancelled.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .shortAndLong, help: "Descend into subdirectories.")
    var recursive = false

    @Flag(help: "Start the job and return at once, printing its id.")
    var detach = false

    @Flag(help: "Return once the files are stored, before they are classified (searchable).")
    var noWait = false

    @Argument(help: "The directory to import.", completion: .directory)
    var dir: String

    func run() throws {
        let session = try global.connect()
        let path = Paths.absolute(dir)
        // Subscribe before starting, so no progress event can be missed.
        if !detach {
            _ = try session.quietCall(EventsSubscribe.self, .init(topics: [EventNotification.Topic.jobProgress]))
        }
        let job = try session.call(PhotosImport.self, .init(dir: path, recursive: recursive)).job
        let cancelHint = "cancel it with `gaillery jobs cancel \(job)`"
        if detach {
            if !global.json {
                Console.out("started import job \(job) of \(path); follow it with `gaillery jobs`, \(cancelHint)")
            }
            return
        }
        let interrupt = InterruptHandler(
            message:
                "stopped watching; import job \(job) goes on in the daemon: follow it with `gaillery jobs`, "
                + cancelHint
        )
        defer { interrupt.cancel() }
        let info = try JobFollower(session: session, job: job).follow()
        if !global.json { Console.out(JobText.summary(info)) }
        if !noWait, info.added > 0 {
            try ClassificationFollower(session: session).follow()
            if !global.json { try ImportReport.failedPhotos(session, since: info.createdAt).forEach(Console.out) }
        }
        if !global.json, info.skipped > 0 {
            ImportReport.skippedFiles(in: path, recursive: recursive).forEach(Console.out)
        }
        switch info.state {
        case "failed":
            throw CLIError.jobFailed("import job \(job) failed: \(info.error ?? "no reason given")")
        case "cancelled":
            throw CLIError.partial("import job \(job) was cancelled after \(info.processed) of \(info.total) files")
        default:
            if info.failed > 0 {
                throw CLIError.partial(
                    "\(info.failed) of \(info.processed) files could not be imported (see the daemon's log)")
            }
        }
    }
}

/// Follows one import job through its `job.progress` events until it ends, drawing a progress bar on a
/// terminal and printing each new state in `--json` mode.
struct JobFollower {
    /// Poll `jobs.list` after this many seconds without an event (covers dropped events).
    static let pollAfter = 2.0

    /// The connection, already subscribed to `job.progress`.
    let session: Session
    /// The job to follow.
    let job: Int64

    /// Returns the job's final state (done, cancelled or failed).
    func follow() throws -> JobInfo {
        let progress = Console.stderrIsTTY ? BatchProgress(total: 0, prefix: "job \(job) ") : nil
        defer { progress?.finish() }
        var latest: JobInfo?
        var lastHeard = ProcessInfo.processInfo.systemUptime
        while true {
            var update: JobInfo?
            if let event = try session.nextEvent(timeout: 1), event.topic == EventNotification.Topic.jobProgress,
                let info = try? decodeJob(event.data), info.id == job
            {
                update = info
                lastHeard = ProcessInfo.processInfo.systemUptime
            } else if ProcessInfo.processInfo.systemUptime - lastHeard >= Self.pollAfter {
                update = try session.quietCall(JobsList.self, .init(limit: 1000)).jobs.first { $0.id == job }
                lastHeard = ProcessInfo.processInfo.systemUptime
            }
            if let update, update != latest {
                latest = update
                if session.json { JSONLine.print(wire: update) }
            }
            guard let latest else { continue }
            progress?.show(done: latest.processed, total: latest.total)
            if latest.state != "running" { return latest }
        }
    }

    private func decodeJob(_ data: JSONValue) throws -> JobInfo {
        try WireCoding.decoder().decode(JobInfo.self, from: JSONEncoder().encode(data))
    }
}

/// Ctrl-C while following a job: explains that the job goes on, then exits with status 130.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    /// Installs the handler; `message` is printed on standard error when Ctrl-C arrives.
    init(message: String) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            Console.error(message)
            exit(Exit.interrupted)
        }
        source.resume()
    }

    /// Removes the handler and restores the default Ctrl-C behaviour.
    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
