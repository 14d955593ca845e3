import ArgumentParser
import Foundation

/// `gaillery`: the command-line client of the gailleryd photo daemon.
@main
struct Gaillery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaillery",
        abstract: "Store, tag and search photos with the gailleryd daemon.",
        discussion: """
            Every command talks to a running gailleryd over its Unix socket (start it with `gailleryd` \
            or `make run`). Add --json to any command to get the daemon's raw JSON results, one per line.

            \(Exit.table)
            """,
        version: "gaillery \(version)",
        subcommands: [
            UploadCommand.self, ImportCommand.self, ListCommand.self, ShowCommand.self, SearchCommand.self,
            SimilarCommand.self, DuplicatesCommand.self, TagsCommand.self, TagCommand.self,
            DeleteCommand.self, RestoreCommand.self, TrashCommand.self, StatusCommand.self, WatchCommand.self,
            WaitCommand.self, JobsCommand.self, AskCommand.self, SayCommand.self, ListenCommand.self,
            EnrollCommand.self, OpenCommand.self, ReclassifyCommand.self, RofiCommand.self, PickCommand.self,
        ]
    )

    /// The CLI's version (`gaillery --version`), the same as gailleryd's (`daemon.status`).
    static let version = "0.1.0"

    /// Accepted before the subcommand too (`gaillery --socket PATH status`); the subcommands read them.
    @OptionGroup var global: GlobalOptions

    /// Parses the command line, runs the command and maps failures to the documented exit statuses:
    /// `gaillery: <message>` on standard error for runtime errors, ArgumentParser's report for usage errors.
    static func main() {
        // A daemon that closes the socket must surface as an error (exit 3), not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            guard let (status, message) = CLIError.report(error) else { exit(withError: error) }
            Console.error(message)
            Foundation.exit(status)
        }
    }
}
