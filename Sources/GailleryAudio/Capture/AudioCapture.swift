import Foundation

/// Records one voice command from an ALSA capture PCM: 16-bit samples at 16 kHz mono (or the device's
/// nearest rate and channel count, averaged and resampled), endpointed live, stopping when speech ends
/// (after the hangover) or at the time limit.
///
/// Thread-safety: a value holding only the source and settings. Each capture opens its own
/// `snd_pcm_t*` on the thread that records, uses it only there and closes it before returning, so
/// captures never share a handle (two captures from one hardware device at once fail as busy).
package struct AudioCapture: Sendable {
    /// What to record from.
    package var source: CaptureSource
    /// Tuning and stop rules.
    package var settings: CaptureSettings

    /// A capture from `source` (default: the "default" PCM) with `settings`.
    package init(source: CaptureSource = .defaultDevice, settings: CaptureSettings = CaptureSettings()) {
        self.source = source
        self.settings = settings
    }

    /// Records on the calling thread, blocking it until capture stops (at most `maxSeconds` of audio, plus
    /// the device's start-up). Call it from a thread of your own, never from the cooperative pool.
    ///
    /// - Parameters:
    ///   - maxSeconds: The longest capture in seconds, more than 0 and at most 30.
    ///   - cancellation: Raised from another thread to stop early; checked once per period (about 20 ms,
    ///     at most 100 ms while a silent device is awaited).
    /// - Throws: `CaptureError` for an invalid `maxSeconds`, a missing, busy or unusable device, a read
    ///   that fails beyond recovery or a stalled device; `CancellationError` when cancelled.
    package func record(maxSeconds: Double, cancellation: CaptureCancellation? = nil) throws -> CapturedAudio {
        guard maxSeconds > 0, maxSeconds <= CaptureSettings.maximumSeconds else {
            throw CaptureError.invalidRequest(
                "max_seconds must be more than 0 and at most \(AudioText.seconds(CaptureSettings.maximumSeconds)),"
                    + " got \(maxSeconds)")
        }
        if cancellation?.isCancelled == true { throw CancellationError() }
        return try ALSAMessages.shared.collect {
            let device = try ALSACapturePCM(source: source, settings: settings)
            return try CaptureLoop(settings: settings, maxSeconds: maxSeconds, cancellation: cancellation).run(device)
        }
    }

    /// Records on a dedicated thread (not the cooperative pool) and returns when capture stops.
    /// Cancelling the calling task stops the capture within about one period and throws
    /// `CancellationError`.
    ///
    /// - Parameter maxSeconds: The longest capture in seconds, more than 0 and at most 30.
    /// - Throws: As `record(maxSeconds:cancellation:)`.
    package func capture(maxSeconds: Double) async throws -> CapturedAudio {
        let cancellation = CaptureCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    continuation.resume(with: Result { try record(maxSeconds: maxSeconds, cancellation: cancellation) })
                }
                thread.name = "gaillery-capture"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}
