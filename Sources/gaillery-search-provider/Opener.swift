import Foundation

/// Runs the desktop's helpers: the opener for URLs and files (`xdg-open` by default), and the clipboard
/// command for "copy path". Both are commands with arguments (`gio open`, `xclip -selection clipboard`),
/// looked up in PATH; the service does not wait for them, so a slow viewer never holds up the bus.
struct Opener {
    /// The opener's command and its arguments; the URL or path is added last.
    let openCommand: [String]
    /// The clipboard command; the text is written to its standard input.
    let copyCommand: [String]
    let log: (String) -> Void

    /// Opens `target` (a URL or an absolute path).
    func open(_ target: String) {
        run(openCommand + [target], input: nil)
    }

    /// Puts `text` on the clipboard.
    func copy(_ text: String) {
        run(copyCommand, input: text)
    }

    /// The clipboard command for this session: `wl-copy` on Wayland, else `xclip -selection clipboard`.
    static func defaultCopyCommand(environment: [String: String]) -> String {
        (environment["WAYLAND_DISPLAY"] ?? "").isEmpty ? "xclip -selection clipboard" : "wl-copy"
    }

    private func run(_ command: [String], input: String?) {
        guard !command.isEmpty else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardOutput = FileHandle.nullDevice
        let pipe = input.map { _ in Pipe() }
        if let pipe { process.standardInput = pipe }
        do {
            try process.run()
            if let pipe, let input {
                pipe.fileHandleForWriting.write(Data(input.utf8))
                try? pipe.fileHandleForWriting.close()
            }
            log("ran \(command.joined(separator: " "))")
        } catch {
            log("cannot run \(command.joined(separator: " ")): \(error); set --opener or --copy-command")
        }
    }
}
