import Foundation

/// A private directory where the grammar decoder writes each utterance's senone scores (`-senlogdir`),
/// either into a file the phone-loop decoder reads afterwards or into a named pipe (FIFO) it reads
/// while the grammar search runs.
///
/// pocketsphinx 0.8+5prealpha opens `DIR/<uttid>.sen` in `ps_start_utt`, where the utterance id is the
/// decoder's utterance counter printed as `%09u` (0 for its first utterance), and closes it in
/// `ps_end_utt`. Owned by one `CommandDecoder`; removed with it.
final class SenoneDump {
    /// The directory, e.g. `/dev/shm/gaillery-senones-1234-5A0F...` (memory-backed when available).
    let directory: String

    /// The directory name prefix; the process id and a UUID follow.
    private static let prefix = "gaillery-senones-"

    /// Creates an empty private directory (mode 0700) under /dev/shm, or the temporary directory, and
    /// removes directories left there by processes that have exited.
    ///
    /// - Throws: `SpeechError` when no directory can be created.
    init() throws {
        let name = Self.prefix + "\(getpid())-\(UUID().uuidString)"
        Self.removeAbandoned()
        for parent in Self.parents {
            let path = (parent as NSString).appendingPathComponent(name)
            if (try? FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])) != nil
            {
                directory = path
                return
            }
        }
        throw SpeechError.decoderFailed(
            "cannot create a directory for senone scores in /dev/shm or \(NSTemporaryDirectory()); "
                + "check that the temporary directory is writable (TMPDIR)"
        )
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Where the directories go: memory-backed /dev/shm first, else the temporary directory.
    private static var parents: [String] {
        ["/dev/shm", NSTemporaryDirectory()].filter { FileManager.default.isWritableFile(atPath: $0) }
    }

    /// Removes our directories whose process no longer runs (a process killed while it held
    /// recognizers leaves its directory behind, one utterance's scores at most). `RecognizerPool` calls
    /// it too, so leftovers go even when own acoustic scoring means no directory is made.
    static func removeAbandoned() {
        for parent in parents {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
            where name.hasPrefix(prefix) {
                guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(),
                    kill(pid, 0) != 0, errno == ESRCH
                else { continue }
                try? FileManager.default.removeItem(atPath: (parent as NSString).appendingPathComponent(name))
            }
        }
    }

    /// The path pocketsphinx opens for utterance number `utterance`.
    func path(utterance: UInt32) -> String { directory + "/" + String(format: "%09u", utterance) + ".sen" }

    /// The utterance number of a senone file's name (`000000012.sen` → 12), nil for other names.
    static func utterance(ofFile name: String) -> UInt32? {
        name.hasSuffix(".sen") ? UInt32(name.dropLast(4)) : nil
    }

    /// The names of the files and pipes in the directory.
    func entries() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() }

    /// The path of the file the last utterance wrote; removes any older file.
    ///
    /// - Throws: `SpeechError` when pocketsphinx wrote no file (e.g. the file system is full).
    func latest() throws -> String {
        let files = entries().filter { $0.hasSuffix(".sen") }
        guard let last = files.last else {
            throw SpeechError.decoderFailed(
                "pocketsphinx wrote no senone scores to \(directory); check free space in that file system"
            )
        }
        for stale in files.dropLast() { try? FileManager.default.removeItem(atPath: directory + "/" + stale) }
        return directory + "/" + last
    }

    /// Removes every file and pipe (call after the scores were used).
    func clear() {
        for file in entries() { try? FileManager.default.removeItem(atPath: directory + "/" + file) }
    }
}
