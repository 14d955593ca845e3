import Foundation

/// Runs shell pipelines for fixtures (espeak-ng, sox): `/bin/bash -c` with `pipefail`, the arguments
/// as $1, $2, ... so that text never goes through the shell's parsing, output discarded.
package enum Shell {
    /// A command that exited with a non-zero status.
    package struct Failure: Error, CustomStringConvertible {
        /// The script that failed.
        package var script: String
        /// Its arguments.
        package var arguments: [String]
        /// Its exit status.
        package var status: Int32

        /// "`script` with [arguments] exited with N".
        package var description: String { "`\(script)` with \(arguments) exited with \(status)" }
    }

    /// Runs `script` with `arguments` and waits for it.
    ///
    /// - Throws: `Failure` when it exits with a non-zero status; Foundation's error when bash cannot start.
    package static func run(_ script: String, _ arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "set -o pipefail; " + script, "bash"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(script: script, arguments: arguments, status: process.terminationStatus)
        }
    }
}
