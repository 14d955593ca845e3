/// What audio input the module accepts: sample-rate range and maximum duration.
package struct AudioLimits: Sendable, Equatable {
    /// Lowest accepted sample rate in Hz.
    package var minSampleRate: Int
    /// Highest accepted sample rate in Hz.
    package var maxSampleRate: Int
    /// Longest accepted clip in seconds.
    package var maxDuration: Double

    /// Creates limits; the defaults are the voice-command limits (8–48 kHz, at most 30 s).
    package init(minSampleRate: Int = 8_000, maxSampleRate: Int = 48_000, maxDuration: Double = 30) {
        self.minSampleRate = minSampleRate
        self.maxSampleRate = maxSampleRate
        self.maxDuration = maxDuration
    }

    /// The voice-command limits: 8–48 kHz, at most 30 s.
    package static let voiceCommand = AudioLimits()
}
