import ArgumentParser
import Foundation
import GailleryClient
import GailleryLauncher
import GailleryProtocol

/// `gaillery rofi`: a rofi script mode (rofi-script(5)) over the daemon's search.
struct RofiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rofi", abstract: "Search and open photos from rofi (its script mode).",
        discussion: """
            Run it as a rofi mode: rofi -show photos -modes "photos:gaillery rofi" -show-icons. rofi lists the \
            latest photos with their thumbnails; type a search (dog beach, cat 2024, "show me photos of dogs") \
            and press Enter to list its photos; Enter on a photo opens it in the web gallery when it is on, \
            else the original with the opener (--file: always the original). rofi tells the state in \
            ROFI_RETV and the chosen photo's id in ROFI_INFO; errors are shown as a row.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var launcher: LauncherOptions

    @Argument(help: ArgumentHelp("What rofi passes: the chosen row's text or the typed search.", valueName: "text"))
    var words: [String] = []

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let backend = LauncherBackend(options: launcher, socketPath: global.socketPath)
        let call = RofiCall(environment: environment, text: words.joined(separator: " "))
        Console.write(RofiScript.reply(to: call, backend: backend), to: STDOUT_FILENO)
    }
}

/// One call of rofi's script mode: the state in `ROFI_RETV` and what it passes.
struct RofiCall: Equatable {
    /// What the user did, from `ROFI_RETV`.
    enum Action: Equatable {
        /// The first call (0), and anything this mode does not use (deleting an entry, custom keys).
        case start
        /// Enter on a row (1); its `info` (the photo's id) comes in `ROFI_INFO`.
        case chose(id: Int64?)
        /// Enter on typed text that matches no row (2): a search.
        case typed(String)
    }

    /// What to do.
    var action: Action

    /// Reads `ROFI_RETV` and `ROFI_INFO` from `environment`; `text` is the argument rofi passed.
    init(environment: [String: String], text: String) {
        switch environment["ROFI_RETV"].flatMap({ Int($0) }) {
        case 1?:
            let info = environment["ROFI_INFO"].flatMap { Int64($0) }
            // A row without info (rofi's own custom text) is a search of its text.
            action = info == nil && !text.isEmpty ? .typed(text) : .chose(id: info)
        case 2?: action = .typed(text)
        default: action = .start
        }
    }
}

/// The text `gaillery rofi` writes for a call: mode options (`\0key\x1fvalue`) and rows
/// (`text\0icon\x1f<thumbnail>\x1finfo\x1f<id>`), one a line; nothing after a photo was opened, which
/// closes rofi.
enum RofiScript {
    /// The reply to `call`, asking `backend` for rows or opening the chosen photo.
    static func reply(to call: RofiCall, backend: LauncherBackend) -> String {
        var out = option("prompt", "photos")
        do {
            switch call.action {
            case .start:
                let rows = try backend.rows(for: "")
                out += option("message", "Type a search (dog beach, cat 2024, show me photos of dogs), then Enter")
                out += rows.isEmpty ? note("no photos yet: add some with gaillery import DIR") : render(rows)
            case .typed(let text):
                let rows = try backend.rows(for: text)
                out += option("message", "\(rows.count) photo\(rows.count == 1 ? "" : "s") for \(text)")
                out += rows.isEmpty ? note("no photos match \(text); try another word") : render(rows)
            case .chose(let id?):
                try backend.open(id)
                return ""
            case .chose(nil):
                out += note("that row is not a photo; type a search and press Enter")
            }
        } catch let error as ClientError {
            out += note(error.description)
        } catch let error as RPCError {
            out += note(CLIError.userMessage(error))
        } catch {
            out += note("\(error)")
        }
        return out
    }

    /// A mode option line; `message` is Pango markup to rofi, so its text is escaped.
    static func option(_ key: String, _ value: String) -> String {
        "\0\(key)\u{1F}\(key == "message" ? markupEscaped(clean(value)) : clean(value))\n"
    }

    /// The photo rows, each with its thumbnail (when made) as icon and its id as info.
    static func render(_ rows: [LauncherRow]) -> String {
        rows.map { row in
            var line = LauncherBackend.text(row) + "\0"
            if let thumbnail = row.thumbnailPath { line += "icon\u{1F}\(clean(thumbnail))\u{1F}" }
            return line + "info\u{1F}\(row.id)\n"
        }.joined()
    }

    /// A row that cannot be chosen, for errors and empty results (rofi closes when a reply has no row).
    static func note(_ text: String) -> String {
        clean(text) + "\0nonselectable\u{1F}true\n"
    }

    /// `text` with control characters (row and field separators among them) as spaces.
    static func clean(_ text: String) -> String { LauncherBackend.oneLine(text) }

    private static func markupEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
