import CALSA

/// An ALSA capture PCM, opened and configured for interleaved S16_LE at the rate and channel count the
/// device grants nearest to the request, then started.
///
/// Thread-safety: owns its `snd_pcm_t*`, which ALSA does not allow to be used from two threads at once.
/// The capture thread opens it, reads it and closes it (on deinit) inside one `AudioCapture.record`
/// call; the class is deliberately not Sendable, so the handle cannot leave that thread.
final class ALSACapturePCM: CaptureDevice {
    /// What was opened.
    let source: CaptureSource
    /// The rate the device granted (Hz).
    let rate: Int
    /// The channel count the device granted.
    let channels: Int
    /// The period the device granted, in frames: the size of each read.
    let periodFrames: Int
    private let handle: OpaquePointer

    /// Opens `source` for capture, sets the hardware parameters from `settings` and starts the stream.
    ///
    /// - Throws: `CaptureError` when the device is absent, busy or not permitted, the configuration text
    ///   does not parse, or the device refuses interleaved S16_LE or a usable rate.
    init(source: CaptureSource, settings: CaptureSettings) throws(CaptureError) {
        self.source = source
        let handle = try Self.open(source)
        do throws(CaptureError) {
            (rate, channels, periodFrames) = try Self.configure(handle, source: source, settings: settings)
            let started = snd_pcm_start(handle)
            guard started >= 0 else { throw CaptureError.unsupported(source, "cannot start: \(alsa(started))") }
        } catch {
            snd_pcm_close(handle)
            throw error
        }
        self.handle = handle
        _ = ALSAMessages.shared.take()  // whatever ALSA remarked while opening is not a later error's cause
    }

    /// Closes the PCM (dropping any unread audio).
    deinit { snd_pcm_close(handle) }

    /// `snd_pcm_wait`: 1 when a period is ready, 0 on timeout, a negative errno on error.
    func wait(milliseconds: Int32) -> Int { Int(snd_pcm_wait(handle, milliseconds)) }

    /// `snd_pcm_readi` of up to `frames` frames: the frames read or a negative errno.
    func read(into buffer: UnsafeMutablePointer<Int16>, frames: Int) -> Int {
        snd_pcm_readi(handle, buffer, snd_pcm_uframes_t(frames))
    }

    /// `snd_pcm_recover` (silently), then `snd_pcm_start`: 0 on success or the negative errno.
    func recover(from code: Int) -> Int {
        let recovered = snd_pcm_recover(handle, Int32(clamping: code), 1)  // 1: silent, no stderr report
        guard recovered >= 0 else { return Int(recovered) }
        let started = snd_pcm_start(handle)  // recovery leaves a capture stream prepared, not running
        return started >= 0 || started == -EBADFD ? 0 : Int(started)
    }

    /// Opens the PCM of `source` in blocking mode.
    private static func open(_ source: CaptureSource) throws(CaptureError) -> OpaquePointer {
        var handle: OpaquePointer?
        let opened: Int32
        switch source {
        case .device(let name):
            opened = snd_pcm_open(&handle, name, SND_PCM_STREAM_CAPTURE, 0)
        case .configuration(let text, let pcmName):
            let configuration = try parse(text)
            defer { snd_config_delete(configuration) }  // open copies what it needs
            opened = snd_pcm_open_lconf(&handle, pcmName, SND_PCM_STREAM_CAPTURE, 0, configuration)
        }
        guard opened >= 0, let handle else { throw CaptureError.openFailed(source, code: opened) }
        return handle
    }

    /// Parses ALSA configuration `text` into a new top-level configuration node the caller deletes.
    private static func parse(_ text: String) throws(CaptureError) -> OpaquePointer {
        var top: OpaquePointer?
        var status = snd_config_top(&top)
        guard status >= 0, let top else { throw CaptureError.badConfiguration(code: status) }
        var input: OpaquePointer?
        let bytes = Array(text.utf8)
        status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { snd_input_buffer_open(&input, $0.baseAddress, buffer.count) }
        }
        if status >= 0, let input {
            status = snd_config_load(top, input)
            snd_input_close(input)
        }
        guard status >= 0 else {
            snd_config_delete(top)
            throw CaptureError.badConfiguration(code: status)
        }
        return top
    }

    /// Sets access, format, channels, rate, buffer and period; returns the granted rate, channels and
    /// period size.
    private static func configure(
        _ handle: OpaquePointer, source: CaptureSource, settings: CaptureSettings
    ) throws(CaptureError) -> (rate: Int, channels: Int, periodFrames: Int) {
        var params: OpaquePointer?
        guard snd_pcm_hw_params_malloc(&params) >= 0, let params else {
            throw CaptureError.unsupported(source, "cannot allocate hardware parameters")
        }
        defer { snd_pcm_hw_params_free(params) }
        func check(_ status: Int32, _ what: @autoclosure () -> String) throws(CaptureError) {
            guard status >= 0 else { throw CaptureError.unsupported(source, "\(what()): \(alsa(status))") }
        }
        try check(snd_pcm_hw_params_any(handle, params), "has no capture configurations")
        try check(
            snd_pcm_hw_params_set_access(handle, params, SND_PCM_ACCESS_RW_INTERLEAVED),
            "cannot record interleaved frames")
        try check(
            snd_pcm_hw_params_set_format(handle, params, SND_PCM_FORMAT_S16_LE),
            "cannot record 16-bit little-endian (S16_LE) samples")
        var channels = UInt32(clamping: max(settings.requestedChannels, 1))
        try check(
            snd_pcm_hw_params_set_channels_near(handle, params, &channels), "cannot record \(channels) channel(s)")
        var rate = UInt32(clamping: max(settings.requestedRate, 1))
        var direction: Int32 = 0
        try check(snd_pcm_hw_params_set_rate_near(handle, params, &rate, &direction), "cannot record near \(rate) Hz")
        guard CaptureSettings.acceptedRates.contains(Int(rate)) else {
            throw CaptureError.unsupported(source, "records at \(AudioText.rate(Int(rate))), outside 8–192 kHz")
        }
        var bufferTime = UInt32(clamping: settings.bufferMilliseconds * 1_000)
        try check(snd_pcm_hw_params_set_buffer_time_near(handle, params, &bufferTime, &direction), "refuses a buffer")
        var periodTime = UInt32(clamping: settings.periodMilliseconds * 1_000)
        try check(snd_pcm_hw_params_set_period_time_near(handle, params, &periodTime, &direction), "refuses a period")
        try check(snd_pcm_hw_params(handle, params), "refuses the hardware parameters")
        var period: snd_pcm_uframes_t = 0
        try check(snd_pcm_hw_params_get_period_size(params, &period, &direction), "reports no period size")
        return (Int(rate), Int(channels), max(Int(period), 1))
    }
}

/// One capture device per thread: the `snd_pcm_t*` must not be shared.
@available(*, unavailable)
extension ALSACapturePCM: Sendable {}

/// ALSA's text for a negative error code.
private func alsa(_ code: Int32) -> String { CaptureError.alsaMessage(code) }
