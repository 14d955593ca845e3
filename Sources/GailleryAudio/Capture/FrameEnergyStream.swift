/// Runs the front end over audio that arrives in pieces, yielding each 10 ms frame's energy as soon as its
/// whole window has arrived, exactly as `FeatureExtractor.analyze` over the whole clip would (same frame
/// grid, same pre-emphasis across frame boundaries); the final partial window is never emitted.
///
/// Works at any sample rate: the window, hop and FFT are scaled to the rate (100 frames/s, 25.6 ms
/// windows), so energies stay comparable and frame numbers stay 10 ms apart.
///
/// Not Sendable: it owns a `FeatureExtractor`; it lives on the capture thread.
final class FrameEnergyStream {
    /// Everything appended so far (mono, −1…1).
    private(set) var samples: [Float] = []
    /// Frames emitted so far.
    private(set) var frameCount = 0
    private let extractor: FeatureExtractor
    private let shift: Int
    private let length: Int

    /// A stream for mono audio at `sampleRate` Hz, with room reserved for `expectedSamples`.
    init(sampleRate: Int, expectedSamples: Int = 0) {
        extractor = FeatureExtractor(configuration: Self.configuration(sampleRate: sampleRate))
        shift = extractor.configuration.frameShift
        length = extractor.configuration.frameLength
        samples.reserveCapacity(expectedSamples)
    }

    /// Appends `newSamples` and returns the energies (dB) of the frames they completed, in order.
    func append(_ newSamples: some Collection<Float>) -> [Float] {
        samples.append(contentsOf: newSamples)
        guard samples.count >= length else { return [] }
        let complete = 1 + (samples.count - length) / shift  // frames whose window is all here
        guard complete > frameCount else { return [] }
        // Start one hop before the first new frame so its pre-emphasis sees the sample before it; that
        // extra leading frame and the extractor's trailing partial frame are dropped.
        let lead = frameCount > 0 ? 1 : 0
        let start = (frameCount - lead) * shift
        let end = (complete - 1) * shift + length
        let energies = extractor.analyze(Array(samples[start..<end])).energies
        let fresh = Array(energies[lead..<(lead + complete - frameCount)])
        frameCount = complete
        return fresh
    }

    /// The pocketsphinx front end rescaled to `sampleRate`: same frame rate and window length, an FFT
    /// large enough for the window with bins no wider than at 16 kHz, and the filterbank's upper edge
    /// kept below the Nyquist frequency.
    static func configuration(sampleRate: Int) -> FrontEndConfiguration {
        var configuration = FrontEndConfiguration.pocketsphinxEnUS
        configuration.sampleRate = sampleRate
        var fftSize = 512
        while fftSize < configuration.frameLength { fftSize *= 2 }
        configuration.fftSize = fftSize
        configuration.upperFrequency = min(configuration.upperFrequency, 0.45 * Float(sampleRate))
        return configuration
    }
}
