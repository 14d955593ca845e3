import Foundation

/// Where `gailleryd` looks for its models directory when `--models-dir` is not given, in order:
///
/// 1. `$GAILLERY_MODELS_DIR`, used as given;
/// 2. `<prefix>/share/gaillery/models` for an executable in `<prefix>/bin` (`make install`, user-level or
///    `PREFIX=/usr/local`);
/// 3. the `models/` of the source tree the executable was built in (a parent directory holding
///    `Package.swift`): `make run`'s binary uses the models prepared beside it, never an older installed copy;
/// 4. `$XDG_DATA_HOME/gaillery/models` (else `~/.local/share/gaillery/models`), where a user-level `make install`
///    puts them, for an executable copied anywhere else.
///
/// A candidate counts when it holds `taxonomy.json` (every prepared models directory has one).
package struct ModelsSearch: Sendable {
    /// One place looked at, and why it was a candidate.
    package struct Candidate: Sendable, Equatable {
        /// The directory.
        package var directory: URL
        /// Where the candidate came from, for the message when none is found.
        package var origin: String
    }

    /// The places looked at, in order.
    package private(set) var candidates: [Candidate] = []
    /// The first candidate holding a models directory, or nil.
    package private(set) var found: URL?

    /// Searches the standard places for `executable` (default: this process's, symlinks resolved).
    package init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL = URL(fileURLWithPath: CommandLine.arguments[0])
    ) {
        if let explicit = environment["GAILLERY_MODELS_DIR"], !explicit.isEmpty {
            found = URL(fileURLWithPath: explicit)
            candidates = [Candidate(directory: URL(fileURLWithPath: explicit), origin: "$GAILLERY_MODELS_DIR")]
            return
        }
        let binary = Self.resolvedExecutable(executable).deletingLastPathComponent()
        if binary.lastPathComponent == "bin" {
            consider(
                binary.deletingLastPathComponent().appendingPathComponent("share/gaillery/models"),
                origin: "the models installed beside the executable (PREFIX/share/gaillery/models)")
        }
        var directory = binary
        while found == nil, directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                consider(directory.appendingPathComponent("models"), origin: "the source tree's models/")
                break
            }
            directory = directory.deletingLastPathComponent()
        }
        consider(
            DaemonConfiguration.defaultDataDirectory(environment: environment).appendingPathComponent("models"),
            origin: "the installed models ($XDG_DATA_HOME/gaillery/models)")
    }

    /// What to say when no models directory was found: every place looked at, and what to do.
    package var notFoundMessage: String {
        let places = candidates.map { "\($0.directory.path) (\($0.origin))" }.joined(separator: "; ")
        return "no models directory found (looked for taxonomy.json in: \(places)); run `make install` or "
            + "`make models` in the source tree, or pass --models-dir / set GAILLERY_MODELS_DIR"
    }

    /// Records `directory` and takes it when it holds `taxonomy.json` and nothing was found before.
    private mutating func consider(_ directory: URL, origin: String) {
        guard found == nil else { return }
        candidates.append(Candidate(directory: directory, origin: origin))
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("taxonomy.json").path) {
            found = directory
        }
    }

    /// `executable` with symlinks resolved; a bare name (run from $PATH) is found through /proc/self/exe.
    private static func resolvedExecutable(_ executable: URL) -> URL {
        if !executable.relativePath.contains("/"),
            let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        {
            return URL(fileURLWithPath: path)
        }
        return executable.resolvingSymlinksInPath()
    }
}
