import GailleryAudio

/// The features the recognizer decodes: the clip resampled to the front end's rate, dithered, turned
/// into cepstra, and cut to the span the endpointer finds. Speaker adaptation computes its statistics
/// from exactly these, so an adapted model is fitted to what it will be asked to score.
package struct CommandFeatures {
    /// The whole clip's front-end output (cepstra and frame energies).
    package let frontEnd: FrontEndOutput
    /// The frames holding speech, or nil when the clip holds none.
    package let speech: SpeechRange?

    /// Analyzes `audio` with `extractor` (not thread-safe: one per thread) as `configuration` says.
    package init(_ audio: PCMAudio, extractor: FeatureExtractor, configuration: RecognizerConfiguration) {
        var samples = resample(audio, to: extractor.configuration.sampleRate).samples
        Dither.add(to: &samples, amplitude: configuration.ditherAmplitude / 32768)
        frontEnd = extractor.analyze(samples)
        speech = Endpointer.speechRange(in: frontEnd.energies, configuration: configuration.endpointer)
    }

    /// The cepstra of the speech frames (empty when there is no speech).
    package var speechCepstra: ArraySlice<[Float]> {
        guard let speech else { return [] }
        return frontEnd.cepstra[speech.frames]
    }
}
