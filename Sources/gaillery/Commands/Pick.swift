import ArgumentParser
import Foundation
import GailleryLauncher

/// `gaillery pick [QUERY…]`: photo rows through a dmenu-style menu (dmenu, fuzzel, wofi, rofi -dmenu).
struct PickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pick",
        abstract: "Choose a photo in dmenu, fuzzel, wofi or rofi -dmenu, then open it or print its path.",
        discussion: """
            Writes one row a photo ("ID  name · date · tags") to the menu's standard input and reads the chosen \
            row from its output. The menu is --menu, else $GAILLERY_MENU, else the first found of fuzzel \
            --dmenu and wofi --dmenu (on Wayland), rofi -dmenu -i and dmenu -i. With no query it lists the \
            latest photos; a query is read as in `gaillery search`, plain words and years too ("beach 2024"), \
            or a typed command ("show me photos of dogs"). Exits 1 without a message when the menu is closed \
            without a choice.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var launcher: LauncherOptions

    @Option(
        help: ArgumentHelp("The menu command, reading rows on stdin and printing the chosen one.", valueName: "command")
    )
    var menu: String?

    @Flag(name: .customLong("print"), help: "Print the chosen photo's original path instead of opening it.")
    var printPath = false

    @Argument(
        parsing: .allUnrecognized, help: ArgumentHelp("The search; nothing for the latest photos.", valueName: "query"))
    var words: [String] = []

    func run() throws {
        let backend = LauncherBackend(options: launcher, socketPath: global.socketPath)
        let query = words.joined(separator: " ")
        let rows = try backend.rows(for: query)
        guard !rows.isEmpty else {
            throw CLIError.notFound(
                query.isEmpty ? "no photos yet; add some with `gaillery import DIR`" : "no photos match `\(query)`")
        }
        let command = try menuCommand(ProcessInfo.processInfo.environment)
        guard let chosen = try Self.choose(PickRows.render(rows), menu: command), let id = PickRows.id(of: chosen)
        else { throw ExitCode(1) }
        if printPath {
            Console.out(try backend.originalPath(id))
        } else {
            let opened = try backend.open(id)
            if !global.json { Console.err("opened \(opened)") }
        }
    }

    /// `--menu`, `$GAILLERY_MENU`, or the first menu program found in PATH.
    func menuCommand(_ environment: [String: String]) throws -> [String] {
        if let given = menu ?? environment["GAILLERY_MENU"], !given.isEmpty {
            return given.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        let wayland = !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        let candidates: [[String]] =
            (wayland ? [["fuzzel", "--dmenu"], ["wofi", "--dmenu"]] : []) + [
                ["rofi", "-dmenu", "-i"], ["dmenu", "-i"],
            ]
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for candidate in candidates where path.contains(where: { access("\($0)/\(candidate[0])", X_OK) == 0 }) {
            return candidate
        }
        throw CLIError.usage("no menu program found (fuzzel, wofi, rofi or dmenu); install one or pass --menu COMMAND")
    }

    /// Runs `menu` with `rows` on its standard input; the chosen line, or nil when it chose nothing (a
    /// menu closed with Escape exits non-zero and prints nothing).
    static func choose(_ rows: String, menu: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = menu
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw CLIError.usage("cannot run the menu \(menu.joined(separator: " ")): \(error)")
        }
        // The menu may exit before reading everything (`head -n 1`); a closed pipe is not an error here.
        try? input.fileHandleForWriting.write(contentsOf: Data(rows.utf8))
        try? input.fileHandleForWriting.close()
        let chosen = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let line = String(decoding: chosen, as: UTF8.self).split(separator: "\n").first.map(String.init)
        return process.terminationStatus == 0 ? line : nil
    }
}

/// The rows `gaillery pick` shows: the photo's id first, so the chosen line names its photo whatever the
/// menu does to the rest (fuzzy menus print the line as given).
enum PickRows {
    /// One line a row: "ID  name · date · tags".
    static func render(_ rows: [LauncherRow]) -> String {
        rows.map { "\($0.id)  \(LauncherBackend.text($0))\n" }.joined()
    }

    /// The id at the start of a chosen line; nil for a line typed into the menu.
    static func id(of line: String) -> Int64? {
        Int64(line.prefix { $0.isNumber })
    }
}
