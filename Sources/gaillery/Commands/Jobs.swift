import ArgumentParser
import GailleryProtocol

/// `gaillery jobs [list|cancel]`: import jobs.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "List import jobs, or cancel one.",
        subcommands: [JobsListCommand.self, JobsCancelCommand.self],
        defaultSubcommand: JobsListCommand.self)
}

/// `gaillery jobs list` (also plain `gaillery jobs`).
struct JobsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List import jobs, newest first.")

    /// The states a job can be in.
    enum State: String, ExpressibleByArgument, CaseIterable {
        case running, done, cancelled, failed
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only jobs in this state.")
    var state: State?

    @Option(help: "At most this many, 1...1000 (default 100).")
    var limit: Int?

    func run() throws {
        let jobs = try global.connect().call(JobsList.self, .init(state: state?.rawValue, limit: limit)).jobs
        guard !global.json else { return }
        guard !jobs.isEmpty else { return Console.err("no import jobs; start one with `gaillery import DIR`") }
        var table = Table(
            ["id", "state", "progress", "added", "dup", "failed", "skipped", "created", "dir"],
            right: ["id", "progress", "added", "dup", "failed", "skipped"])
        for job in jobs {
            table.append(
                [
                    String(job.id), job.state, "\(job.processed)/\(job.total)", String(job.added),
                    String(job.duplicates),
                    String(job.failed), String(job.skipped), job.createdAt,
                    job.dir + (job.recursive ? " (recursive)" : ""),
                ]
                .enumerated().map { Table.Cell($1, $0 == 1 ? Style.forStatus($1) : .plain) })
        }
        Console.out(table.render(colour: Console.colour))
    }
}

/// `gaillery jobs cancel ID`: stops a running import.
struct JobsCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Stop a running import; the photos it stored stay.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The job's id (see `gaillery jobs`).")
    var id: Int64

    func run() throws {
        let job = try global.connect().call(JobsCancel.self, .init(job: id))
        if !global.json { Console.out(JobText.summary(job)) }
    }
}

/// Import jobs as text.
enum JobText {
    /// `import job 7 done: 120 added, 3 duplicates, 2 failed, 5 skipped (130 files) in /photos`.
    static func summary(_ job: JobInfo) -> String {
        "import job \(job.id) \(job.state): \(job.added) added, \(counted(job.duplicates, "duplicate")), "
            + "\(job.failed) failed, \(job.skipped) skipped (\(job.processed) of \(job.total) files) in "
            + TerminalText.escape(job.dir)
    }
}
