import Foundation

/// A named pipe (FIFO) at the path where the grammar decoder will write one utterance's senone scores,
/// with its read end open, so that the phone loop can search the scores while they are produced.
///
/// Order matters, and `CommandDecoder` keeps it: the read end is opened first without blocking, so
/// that pocketsphinx's `fopen(path, "wb")` in `ps_start_utt` finds a reader and returns at once; reads
/// switch to blocking (`connect`) only once the writer is open, since a blocking read with no writer
/// returns end of file at once; and the read end is closed only after the writer closed (`ps_end_utt`)
/// or after reading to end of file, because a write into a pipe without a reader raises SIGPIPE.
struct SenonePipe {
    /// The FIFO's path (unlinked by `CommandDecoder` as soon as both ends are open).
    let path: String
    /// The read end (non-blocking until `connect`).
    let descriptor: Int32

    /// Capacity asked of the kernel, in bytes: about 100 frames of scores (10 KB each for en-us), so
    /// the two searches rarely wait for each other. Unprivileged processes may ask up to
    /// /proc/sys/fs/pipe-max-size (1 MiB by default); a refusal leaves the default 64 KiB.
    static let capacity: Int32 = 1 << 20

    /// Linux's F_SETPIPE_SZ (fcntl.h defines it only with _GNU_SOURCE, so Swift does not import it).
    private static let setPipeSize: Int32 = 1031

    /// Creates the FIFO at `path` (mode 0600) and opens its read end without blocking.
    ///
    /// - Throws: `SpeechError` when the FIFO cannot be created or opened.
    init(path: String) throws {
        guard mkfifo(path, 0o600) == 0 else {
            throw SpeechError.decoderFailed(
                "cannot create a pipe for senone scores at \(path): \(String(cString: strerror(errno)))")
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw SpeechError.decoderFailed("cannot open the pipe for senone scores at \(path): \(reason)")
        }
        _ = fcntl(descriptor, Self.setPipeSize, Self.capacity)
        self.path = path
        self.descriptor = descriptor
    }

    /// Switches the read end to blocking reads (call once the writer is open). fcntl fails only for a
    /// descriptor that is not open, which this one is until `close`.
    func connect() {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
    }

    /// Closes the read end; only call when no writer is open any more (see the type's note on SIGPIPE).
    func close() { _ = Glibc.close(descriptor) }
}
