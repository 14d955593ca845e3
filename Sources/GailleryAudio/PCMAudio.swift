/// Mono PCM audio as floating-point samples, the common currency of the audio module.
///
/// Samples are nominally in −1…1 (full scale of the source format); the front end scales them to the
/// 16-bit range the pocketsphinx acoustic model was trained on.
package struct PCMAudio: Sendable, Equatable {
    /// Mono samples, nominally in −1…1.
    package var samples: [Float]
    /// Samples per second (Hz).
    package var sampleRate: Int

    /// Wraps `samples` taken at `sampleRate` Hz.
    package init(samples: [Float], sampleRate: Int) {
        precondition(sampleRate > 0, "PCMAudio: sample rate must be positive, got \(sampleRate)")
        self.samples = samples
        self.sampleRate = sampleRate
    }

    /// Duration in seconds.
    package var duration: Double { Double(samples.count) / Double(sampleRate) }
}
