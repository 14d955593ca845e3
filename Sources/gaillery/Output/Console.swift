import Foundation

/// Writes to the terminal with plain POSIX `write(2)`: unbuffered, so lines from a streaming command
/// reach a pipe at once, and free of the non-Sendable C `stdout`/`stderr` globals.
enum Console {
    /// Whether standard output is a terminal.
    static let stdoutIsTTY = isatty(STDOUT_FILENO) == 1
    /// Whether standard error is a terminal (progress bars are drawn only then).
    static let stderrIsTTY = isatty(STDERR_FILENO) == 1
    /// Whether standard input is a terminal (confirmation prompts need one).
    static let stdinIsTTY = isatty(STDIN_FILENO) == 1

    /// Whether to colour standard output: only on a terminal, and never when `NO_COLOR` is set
    /// (https://no-color.org) or `TERM` is `dumb`.
    static let colour: Bool = {
        let environment = ProcessInfo.processInfo.environment
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return stdoutIsTTY
    }()

    // Human output goes through `TerminalText` here, once for every command, so that a value a
    // formatter forgot to escape still cannot reach the terminal as a control sequence; formatters
    // escape values themselves too (`TerminalText.escape`), since this pass must let `Style`'s
    // colours and the line breaks through.

    /// Prints `text` and a newline on standard output, its control characters escaped (`TerminalText`).
    static func out(_ text: String) {
        write(TerminalText.escape(text, keeping: .layout) + "\n", to: STDOUT_FILENO)
    }

    /// Prints `json` (already JSON-escaped, so nothing in it can reach the terminal as a control
    /// character) and a newline on standard output, unchanged: for `--json`.
    static func json(_ json: String) {
        write(json + "\n", to: STDOUT_FILENO)
    }

    /// Prints `text` and a newline on standard error, its control characters escaped (`TerminalText`).
    static func err(_ text: String) {
        write(TerminalText.escape(text, keeping: .layout) + "\n", to: STDERR_FILENO)
    }

    /// Prints `gaillery: <message>` on standard error, first wiping any progress bar on that line. The
    /// message (often the daemon's, quoting names and paths) has every control character but its line
    /// breaks escaped.
    static func error(_ message: String) {
        let text = "gaillery: " + TerminalText.escape(message, keeping: .newlines) + "\n"
        write((stderrIsTTY ? ProgressBar.clearLine : "") + text, to: STDERR_FILENO)
    }

    /// Writes `text` as is to `fd`. When standard output is a closed pipe (`gaillery list | head`),
    /// ends the process the way SIGPIPE would, since the CLI ignores SIGPIPE to survive a closed socket.
    static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE {
                    signal(SIGPIPE, SIG_DFL)
                    raise(SIGPIPE)
                }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// The width of the terminal on standard error in columns, or 80 when it is not a terminal.
    static func stderrColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        return 80
    }

    /// Prints `question` on standard error (no newline) and reads one line of standard input without its
    /// newline; nil at end of input.
    static func ask(_ question: String) -> String? {
        write(TerminalText.escape(question, keeping: .layout), to: STDERR_FILENO)
        return Swift.readLine(strippingNewline: true)
    }
}
