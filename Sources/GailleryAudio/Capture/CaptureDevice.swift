/// The device side of the capture loop: a started capture stream of interleaved S16_LE frames.
///
/// `ALSACapturePCM` is the real one; tests wrap it to inject faults. Implementations are used by one
/// thread only (the capture thread), so the protocol does not require Sendable.
protocol CaptureDevice: AnyObject {
    /// What is being recorded, for error messages.
    var source: CaptureSource { get }
    /// Frames per second the device delivers (Hz).
    var rate: Int { get }
    /// Interleaved channels per frame.
    var channels: Int { get }
    /// Frames per read: the ALSA period.
    var periodFrames: Int { get }

    /// Waits up to `milliseconds` for a period of audio: 1 when ready, 0 on timeout, a negative errno
    /// on error (-EPIPE after an overrun).
    func wait(milliseconds: Int32) -> Int

    /// Reads up to `frames` interleaved frames into `buffer` (room for `frames · channels` samples).
    /// Returns the frames read, 0 at the end of a file-backed input, or a negative errno.
    func read(into buffer: UnsafeMutablePointer<Int16>, frames: Int) -> Int

    /// Recovers from `code` (-EPIPE overrun, -ESTRPIPE suspend, -EINTR) and restarts the stream.
    /// Returns 0 on success or the negative errno that could not be recovered.
    func recover(from code: Int) -> Int
}
