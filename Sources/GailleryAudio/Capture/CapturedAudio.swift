/// Why a capture stopped.
package enum CaptureStopReason: String, Sendable, Equatable {
    /// Speech started and then ended: the endpointer saw the hangover's worth of non-speech.
    case endOfSpeech
    /// `maxSeconds` of audio were captured first (speech may have started and not ended, or never started).
    case timeLimit
    /// The device reported the end of its stream (a read returned no frames); microphones never do.
    case endOfInput
}

/// The result of a capture: the audio, where the endpointer found speech in it, and how it went.
package struct CapturedAudio: Sendable, Equatable {
    /// Everything captured from the start to the stop, mono at `CaptureSettings.outputRate` (16 kHz).
    package var audio: PCMAudio
    /// The speech the endpointer found (padding included, 10 ms frames from the start of `audio`), or nil
    /// when none started. When speech was still going on at the stop, the range runs to the end of `audio`.
    package var speech: SpeechRange?
    /// Why capture stopped.
    package var stopReason: CaptureStopReason
    /// The rate the device delivered, in Hz (audio was resampled to 16 kHz when it differs).
    package var deviceRate: Int
    /// The channel count the device delivered (averaged to mono).
    package var deviceChannels: Int
    /// Overruns recovered during capture (each loses some audio); 0 on a healthy system.
    package var overruns: Int

    /// Bundles a capture's result.
    package init(
        audio: PCMAudio, speech: SpeechRange?, stopReason: CaptureStopReason,
        deviceRate: Int, deviceChannels: Int, overruns: Int
    ) {
        self.audio = audio
        self.speech = speech
        self.stopReason = stopReason
        self.deviceRate = deviceRate
        self.deviceChannels = deviceChannels
        self.overruns = overruns
    }
}
