import ArgumentParser
import Foundation
import GailleryClient
import GailleryLauncher
import GailleryProtocol

/// What `gaillery rofi` and `gaillery pick` share: where the rows come from and how a chosen photo opens.
struct LauncherOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Command that opens a URL or file; the URL or path is added last (default: $GAILLERY_OPENER, else "
                + "xdg-open).", valueName: "command"))
    var opener: String?

    @Flag(help: "Open the original file with the opener instead of the photo in the web gallery.")
    var file = false

    @Option(help: "Rows to show, 1...1000 (default 50).")
    var limit = 50

    /// Checks the limit, as the daemon would, before anything is asked.
    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1...1000, got \(limit)") }
    }
}

/// Rows for a launcher's text and the opening of a chosen photo, through `GailleryLauncher` (the same
/// query reading as the GNOME Shell and KRunner providers: the query language, plain words, bare years,
/// and typed commands such as "show me photos of dogs").
struct LauncherBackend {
    let options: LauncherOptions
    let socketPath: String
    private let search: LauncherSearch

    /// A backend on the daemon at `socketPath` (connected on first use).
    init(options: LauncherOptions, socketPath: String) {
        self.options = options
        self.socketPath = socketPath
        search = LauncherSearch(socketPath: socketPath)
    }

    /// The rows for `text`, best first; for empty text the latest photos, newest first.
    ///
    /// - Throws: `ClientError` when the daemon cannot be reached, `RPCError` when it refuses the query.
    func rows(for text: String) throws -> [LauncherRow] {
        let query = LauncherQuery(text)
        guard query == .empty else { return try search.rows(for: query, limit: options.limit) }
        let client = try RPCClient(socketPath: socketPath)
        return try client.call(PhotosList.self, .init(limit: options.limit, full: true)).photos.map(LauncherRow.init)
    }

    /// Opens photo `id`: in the web gallery when it is on (and `--file` is not given), else its original
    /// file; either way through the opener. Returns what was opened.
    ///
    /// - Throws: `ClientError` or `RPCError` from the daemon (e.g. no such photo), `CLIError` when the
    ///   opener cannot be run or fails.
    @discardableResult
    func open(_ id: Int64) throws -> String {
        let target: String
        if !options.file, let url = try search.galleryURL(photo: id) {
            target = url
        } else {
            target = try originalPath(id)
        }
        try Self.run(openerCommand, with: target)
        return target
    }

    /// The original file of photo `id`.
    ///
    /// - Throws: `ClientError` or `RPCError` (no such photo).
    func originalPath(_ id: Int64) throws -> String {
        guard let row = try search.rows(ids: [id]).first, let path = row.originalPath else {
            throw RPCError.notFound("photo \(id)")
        }
        return path
    }

    /// The opener's words: `--opener`, else `$GAILLERY_OPENER`, else `xdg-open`.
    var openerCommand: [String] {
        let command = options.opener ?? ProcessInfo.processInfo.environment["GAILLERY_OPENER"] ?? "xdg-open"
        return command.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Runs `command` with `target` as its last argument and waits for it: xdg-open and gio return once
    /// the viewer is started, and a launcher's script must not exit before the hand-over.
    static func run(_ command: [String], with target: String) throws {
        guard !command.isEmpty else { throw CLIError.usage("--opener is empty; give a command such as xdg-open") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + [target]
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CLIError.jobFailed("cannot run the opener \(command[0]): \(error); set --opener or GAILLERY_OPENER")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError.jobFailed(
                "the opener \(command.joined(separator: " ")) failed (status \(process.terminationStatus)) on "
                    + "\(target); set --opener or GAILLERY_OPENER")
        }
    }

    /// A row's text on one line: "beach.jpg · 2024-06-01 · dog, sea".
    static func text(_ row: LauncherRow) -> String {
        oneLine("\(row.name) · \(row.description)")
    }

    /// `text` with control characters (which would end a row or break a launcher's protocol) as spaces.
    static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : $0 }))
    }
}
