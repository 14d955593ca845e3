/// The blocking capture loop: reads periods from a started device, endpoints them live and stops at the
/// end of speech, at the time limit, at the end of input, on cancellation or on an unrecoverable error.
struct CaptureLoop {
    /// Stop rules and tuning.
    let settings: CaptureSettings
    /// Longest capture in seconds.
    let maxSeconds: Double
    /// Checked once per period; nil when the capture cannot be cancelled.
    let cancellation: CaptureCancellation?

    /// How long one wait for audio may block before cancellation and the stall timer are checked (ms).
    static let pollMilliseconds: Int32 = 100

    /// Recovered read errors in a row (with no audio between them) after which capture gives up.
    static let maxFailedReads = 8

    /// Captures from `device` on the calling thread.
    ///
    /// - Throws: `CancellationError` when cancelled; `CaptureError` when reading fails beyond recovery or
    ///   the device stalls for `settings.stallTimeout`.
    func run(_ device: some CaptureDevice) throws -> CapturedAudio {
        let limit = Int(maxSeconds * Double(device.rate))
        let stream = FrameEnergyStream(sampleRate: device.rate, expectedSamples: limit)
        var reader = PeriodReader(device: device)
        var endpointer = Endpointer(configuration: settings.endpointer)
        var speechStart: Int?
        var speech: SpeechRange?
        var reason = CaptureStopReason.timeLimit
        var idleMilliseconds = 0
        reading: while stream.samples.count < limit {
            if cancellation?.isCancelled == true { throw CancellationError() }
            let capturedSeconds = Double(stream.samples.count) / Double(device.rate)
            switch try reader.next(frames: min(device.periodFrames, limit - stream.samples.count), at: capturedSeconds)
            {
            case .retry:
                continue
            case .idle:
                idleMilliseconds += Int(Self.pollMilliseconds)
                if Double(idleMilliseconds) >= settings.stallTimeout * 1_000 {
                    throw CaptureError.stalled(device.source, seconds: Double(idleMilliseconds) / 1_000)
                }
            case .endOfInput:
                reason = .endOfInput
                break reading
            case .audio(let samples):
                idleMilliseconds = 0
                for energy in stream.append(samples) {
                    switch endpointer.push(energy) {
                    case .started(let frame): speechStart = speechStart ?? frame
                    case .ended(let range):
                        (speech, reason) = (range, .endOfSpeech)
                        break reading
                    case nil: break
                    }
                }
            }
        }
        if speech == nil, let speechStart {
            speech = SpeechRange(frames: speechStart..<max(stream.frameCount, speechStart))
        }
        let audio = resample(PCMAudio(samples: stream.samples, sampleRate: device.rate), to: CaptureSettings.outputRate)
        return CapturedAudio(
            audio: audio, speech: speech, stopReason: reason,
            deviceRate: device.rate, deviceChannels: device.channels, overruns: reader.overruns)
    }
}
