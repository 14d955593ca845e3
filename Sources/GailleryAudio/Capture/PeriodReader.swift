import CALSA

/// Reads one period at a time from a device, recovering overruns and suspends, and converts it to mono.
struct PeriodReader<Device: CaptureDevice> {
    /// What one attempt gave.
    enum Outcome {
        /// Mono samples in −1…1.
        case audio([Float])
        /// Nothing arrived within the poll interval.
        case idle
        /// An error was recovered; try again.
        case retry
        /// The device has no more audio.
        case endOfInput
    }

    /// The device read from (owned by the capture thread).
    let device: Device
    /// Overruns recovered so far.
    private(set) var overruns = 0
    private var failedReads = 0
    private var buffer: [Int16]

    /// A reader for `device` with a buffer of one period.
    init(device: Device) {
        self.device = device
        buffer = [Int16](repeating: 0, count: device.periodFrames * device.channels)
    }

    /// Waits for and reads up to `frames` frames; `seconds` (audio so far) goes into error messages.
    ///
    /// - Throws: `CaptureError.readFailed` when an error cannot be recovered, or keeps recurring.
    mutating func next(frames: Int, at seconds: Double) throws(CaptureError) -> Outcome {
        var result = device.wait(milliseconds: CaptureLoop.pollMilliseconds)
        if result == 0 { return .idle }
        if result > 0 {
            result = buffer.withUnsafeMutableBufferPointer { buffer in
                // Cleared first: a PCM that reports frames without writing them (ALSA's null PCM, so the
                // file plugin past the end of its input) then yields silence, not the previous period.
                buffer.update(repeating: 0)
                return device.read(into: buffer.baseAddress!, frames: frames)
            }
        }
        if result == 0 { return .endOfInput }
        if result > 0 {
            failedReads = 0
            return .audio(mono(frames: result))
        }
        if result == -Int(EAGAIN) { return .retry }
        if result == -Int(EPIPE) { overruns += 1 }
        failedReads += 1
        guard failedReads <= CaptureLoop.maxFailedReads, device.recover(from: result) >= 0 else {
            throw CaptureError.readFailed(device.source, afterSeconds: seconds, code: result)
        }
        return .retry
    }

    /// The first `frames` interleaved frames of the buffer, averaged to mono and scaled to −1…1.
    private func mono(frames: Int) -> [Float] {
        let channels = device.channels
        let scale = 1 / (32_768 * Float(channels))
        return (0..<frames).map { frame in
            var sum: Float = 0
            for channel in 0..<channels { sum += Float(buffer[frame * channels + channel]) }
            return sum * scale
        }
    }
}
