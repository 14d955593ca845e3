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

    /// Prints `text` and a newline on standard output.
    static func out(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    /// Prints `text` and a newline on standard error.
    static func err(_ text: String) {
        write(text + "\n", to: STDERR_FILENO)
    }

    /// Prints `gaillery: <message>` on standard error, first wiping any progress bar on that line.
    static func error(_ message: String) {
        write((stderrIsTTY ? ProgressBar.clearLine : "") + "gaillery: " + message + "\n", to: STDERR_FILENO)
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
        write(question, to: STDERR_FILENO)
        return Swift.readLine(strippingNewline: true)
    }
}
