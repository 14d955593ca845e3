import ArgumentParser
import GailleryProtocol
import GailleryClient

/// The CLI's documented exit statuses.
enum Exit {
    /// The daemon answered with an error.
    static let daemonError: Int32 = 1
    /// Some files or ids failed, an import ended with failures or was cancelled, or `wait` saw failed
    /// photos or timed out.
    static let partialFailure: Int32 = 2
    /// The daemon cannot be reached: not running, wrong socket, or the connection was lost.
    static let unreachable: Int32 = 3
    /// Ctrl-C.
    static let interrupted: Int32 = 130

    /// The table shown in `gaillery --help` (and in the README).
    static let table = """
        EXIT STATUS
          0    success
          1    the daemon answered with an error (the message says what to do)
          2    partial failure: some files or ids failed, an import ended with
               failures or was cancelled, or `wait` saw a failed photo or timed out
          3    cannot reach gailleryd (not running, wrong --socket, lost connection)
          64   usage error (unknown option, missing or invalid argument)
          130  interrupted by Ctrl-C (an import goes on in the daemon)
        """
}

/// A failure found by the CLI itself (not an error the daemon sent), with its exit status.
struct CLIError: Error, CustomStringConvertible {
    private enum Kind {
        case partial(String)
        case jobFailed(String)
        case usage(String)
        case notFound(String)
        case unexpectedReply(method: String, detail: String)
    }

    private let kind: Kind

    /// Some of the items a command handled failed; each was already reported. Exit status 2.
    static func partial(_ summary: String) -> CLIError { CLIError(kind: .partial(summary)) }

    /// The command cannot run as given, found after parsing (e.g. a confirmation that cannot be asked).
    /// Exit status 64, like ArgumentParser's own usage errors.
    static func usage(_ message: String) -> CLIError { CLIError(kind: .usage(message)) }

    /// Nothing to act on (no photo matches). Exit status 1, as the daemon's "not found".
    static func notFound(_ message: String) -> CLIError { CLIError(kind: .notFound(message)) }

    /// A daemon job ended in state `failed`. Exit status 1.
    static func jobFailed(_ message: String) -> CLIError { CLIError(kind: .jobFailed(message)) }

    /// The daemon's reply did not have the expected shape (a CLI/daemon version mismatch). Exit status 1.
    static func unexpectedReply(method: String, detail: String) -> CLIError {
        CLIError(kind: .unexpectedReply(method: method, detail: detail))
    }

    var description: String {
        switch kind {
        case .partial(let summary), .jobFailed(let summary), .usage(let summary), .notFound(let summary): summary
        case .unexpectedReply(let method, let detail):
            "unexpected reply to \(method) (is gailleryd the same version as gaillery?): \(detail)"
        }
    }

    /// The process exit status for this error.
    var exitStatus: Int32 {
        switch kind {
        case .partial: Exit.partialFailure
        case .jobFailed, .unexpectedReply, .notFound: Exit.daemonError
        case .usage: ExitCode.validationFailure.rawValue
        }
    }

    /// The exit status and message for an error thrown by a command, or nil for anything else
    /// (ArgumentParser's usage, help and `ExitCode` errors), which `exit(withError:)` reports.
    static func report(_ error: any Error) -> (status: Int32, message: String)? {
        switch error {
        case let error as RPCError: (Exit.daemonError, userMessage(error))
        case let error as ClientError: (Exit.unreachable, error.description)
        case let error as CLIError: (error.exitStatus, error.description)
        case let error as DecodingError:
            (Exit.daemonError, CLIError.unexpectedReply(method: "a call", detail: "\(error)").description)
        default: nil
        }
    }
}

extension CLIError {
    /// What the CLI's own words are for the daemon's parameter names, where they are not `--name`.
    private static let argumentNames: [String: String] = [
        "id": "the photo id", "ids": "the photo ids", "path": "the file", "dir": "the directory",
        "query": "the query", "text": "the command", "data": "the file's contents", "recordings": "the recordings",
    ]

    /// The daemon's error message in the CLI's terms: the RPC method it starts with (`photos.search: `,
    /// added by the router for JSON-RPC clients) left out, and `params.min_confidence` written as the
    /// option a CLI user types (`--min-confidence`) or the argument (`the photo id`).
    static func userMessage(_ error: RPCError) -> String {
        var message = error.message
        if let colon = message.range(of: ": "), Self.isMethodName(message[..<colon.lowerBound]) {
            message = String(message[colon.upperBound...])
        }
        var out = ""
        var rest = message[...]
        while let range = rest.range(of: "params.") {
            out += rest[..<range.lowerBound]
            let name = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty else {
                out += "params."
                rest = rest[range.upperBound...]
                continue
            }
            let snake = name.reduce(into: "") { text, character in
                text += character.isUppercase ? "_" + character.lowercased() : String(character)
            }
            out += argumentNames[snake] ?? "--" + snake.replacingOccurrences(of: "_", with: "-")
            rest = rest[range.upperBound...].dropFirst(name.count)
        }
        return out + rest
    }

    /// `photos.search`, `voice.enroll`: two lowercase words joined by a dot, underscores allowed.
    private static func isMethodName(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLowercase || $0 == "_" } }
    }
}
