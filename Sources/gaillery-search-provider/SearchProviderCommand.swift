import ArgumentParser
import Foundation
import GailleryClient
import GailleryLauncher

/// `gaillery-search-provider`: the GNOME Shell search provider and KRunner runner, started by the session
/// bus when a launcher first asks (D-Bus activation), exiting after a minute without calls.
@main
struct SearchProviderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaillery-search-provider",
        abstract: "Find gailleryd's photos from GNOME Shell's and KRunner's search (D-Bus).",
        discussion: """
            Serves org.gnome.Shell.SearchProvider2 at \(DBusService.gnomePath) and org.kde.krunner1 at \
            \(DBusService.krunnerPath) on the session bus as \(DBusService.busName). The session bus starts it \
            through io.github.gaillery.SearchProvider.service; it asks gailleryd over its socket, so gailleryd \
            must be running (without it, searches are empty and a line is logged).

            Searches take the query language and plain words ("beach 2024", "cat") and typed commands ("show \
            me photos of dogs").
            """
    )

    @Option(help: "The daemon's socket (default: $GAILLERY_SOCKET, else $XDG_RUNTIME_DIR/gaillery/rpc.sock).")
    var socket: String?

    @Option(help: "Exit after this many seconds without a call.")
    var idleTimeout: Double = 60

    @Option(help: "Command that opens a URL or file (default: $GAILLERY_OPENER, else xdg-open).")
    var opener: String?

    @Option(
        help:
            "Command that reads the clipboard's text on stdin (default: $GAILLERY_COPY_COMMAND, else wl-copy on Wayland, xclip -selection clipboard otherwise)."
    )
    var copyCommand: String?

    func validate() throws {
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be more than 0 seconds") }
    }

    func run() throws {
        // A daemon that closes the socket must surface as an error on that call, not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let environment = ProcessInfo.processInfo.environment
        let log: (String) -> Void = { line in
            FileHandle.standardError.write(Data("gaillery-search-provider: \(line)\n".utf8))
        }
        let socketPath = socket ?? SocketAddressing.defaultSocketPath()
        let opener = Opener(
            openCommand: Self.words(opener ?? environment["GAILLERY_OPENER"] ?? "xdg-open"),
            copyCommand: Self.words(
                copyCommand ?? environment["GAILLERY_COPY_COMMAND"]
                    ?? Opener.defaultCopyCommand(environment: environment)),
            log: log)
        let actions = PhotoActions(search: LauncherSearch(socketPath: socketPath), opener: opener, log: log)
        let router = Router(gnome: GnomeSearchProvider(actions: actions), krunner: KRunnerProvider(actions: actions))
        let service = try DBusService(handler: router, log: log)
        log("serving \(DBusService.busName) for gailleryd at \(socketPath)")
        try service.run(idleTimeout: idleTimeout)
        log("no calls for \(idleTimeout) s, exiting")
    }

    /// A command line split on spaces (the flags take simple commands: `gio open`, `xclip -selection clipboard`).
    static func words(_ command: String) -> [String] {
        command.split(separator: " ").map(String.init)
    }
}

/// Sends each call to the object's provider by interface.
final class Router: DBusMethodHandler {
    let gnome: GnomeSearchProvider
    let krunner: KRunnerProvider

    init(gnome: GnomeSearchProvider, krunner: KRunnerProvider) {
        self.gnome = gnome
        self.krunner = krunner
    }

    func handle(interface: String, member: String, call: DBusCall, reply: DBusReply) throws {
        switch interface {
        case "org.gnome.Shell.SearchProvider2": try gnome.handle(member: member, call: call, reply: reply)
        case "org.kde.krunner1": try krunner.handle(member: member, call: call, reply: reply)
        default: throw DBusError("no such interface \(interface)", -ENOSYS)
        }
    }
}
