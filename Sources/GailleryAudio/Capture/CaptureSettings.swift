/// Tuning of `AudioCapture`: what to ask the device for and when to stop.
package struct CaptureSettings: Sendable, Equatable {
    /// Rate asked of the device in Hz (`snd_pcm_hw_params_set_rate_near`). A device that cannot do it
    /// picks the nearest rate it can; capture endpoints at that rate and resamples the result to 16 kHz.
    package var requestedRate = 16_000
    /// Channels asked of the device (`set_channels_near`); whatever it grants is averaged to mono.
    package var requestedChannels = 1
    /// ALSA period asked for, in milliseconds: audio arrives in blocks of about this length, and
    /// cancellation and the stop rules are checked once per block.
    package var periodMilliseconds = 20
    /// ALSA ring buffer asked for, in milliseconds: how long the capture thread may stall before the
    /// device overruns (an overrun is recovered, with the lost audio counted in `CapturedAudio.overruns`).
    package var bufferMilliseconds = 500
    /// How long the device may deliver nothing before capture fails as stalled, in seconds.
    package var stallTimeout: Double = 2
    /// The endpointer's tuning. The default hangover is 60 frames (0.6 s) rather than the endpointer's
    /// 0.4 s, so a speaker's pause between words does not end a live command.
    package var endpointer: EndpointerConfiguration

    /// The defaults above.
    package init() {
        var endpointer = EndpointerConfiguration()
        endpointer.endFrames = 60
        self.endpointer = endpointer
    }

    /// Device rates capture accepts (Hz); others are refused with an error naming the device's rate.
    package static let acceptedRates = 8_000...192_000

    /// The longest capture, in seconds (the voice-command limit).
    package static let maximumSeconds = AudioLimits.voiceCommand.maxDuration

    /// The rate of the returned audio (Hz): the recogniser's.
    package static let outputRate = FrontEndConfiguration.pocketsphinxEnUS.sampleRate
}
