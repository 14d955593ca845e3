/// Parameters of the MFCC front end, named after the sphinxbase options they mirror.
///
/// `.pocketsphinxEnUS` is the configuration of Debian's pocketsphinx en-us acoustic model (its
/// feat.params: `-lowerf 130 -upperf 6800 -nfilt 25 -transform dct -lifter 22`, plus the sphinxbase
/// defaults `-samprate 16000 -frate 100 -wlen 0.025625 -nfft 512 -alpha 0.97 -ncep 13`, unit-area
/// filters rounded to DFT points, no dither, no DC removal).
package struct FrontEndConfiguration: Sendable, Equatable {
    /// Input sample rate in Hz (`-samprate`).
    package var sampleRate: Int = 16_000
    /// Frames per second (`-frate`).
    package var frameRate: Int = 100
    /// Hamming window length in seconds (`-wlen`).
    package var windowLength: Float = 0.025625
    /// FFT size in samples, a power of two ≥ the window (`-nfft`).
    package var fftSize: Int = 512
    /// Pre-emphasis coefficient (`-alpha`).
    package var preEmphasis: Float = 0.97
    /// Lower edge of the mel filterbank in Hz (`-lowerf`).
    package var lowerFrequency: Float = 130
    /// Upper edge of the mel filterbank in Hz (`-upperf`).
    package var upperFrequency: Float = 6_800
    /// Number of mel filters (`-nfilt`).
    package var filterCount: Int = 25
    /// Cepstral coefficients per frame (`-ncep`).
    package var cepstrumCount: Int = 13
    /// Sine lifter length, 0 for none (`-lifter`).
    package var lifter: Int = 22

    /// The defaults above.
    package init() {}

    /// The pocketsphinx en-us acoustic model's front end.
    package static let pocketsphinxEnUS = FrontEndConfiguration()

    /// Hop between frames in samples, rounded as sphinxbase does (160 at 16 kHz, 100 frames/s).
    package var frameShift: Int { Int(Float(sampleRate) / Float(frameRate) + 0.5) }

    /// Window length in samples, rounded as sphinxbase does (410 at 16 kHz).
    package var frameLength: Int { Int(Double(windowLength * Float(sampleRate)) + 0.5) }

    /// Number of frames the front end produces for `sampleCount` samples: every full window at multiples
    /// of `frameShift`, plus one final partial, zero-padded window (sphinxbase's `fe_end_utt`).
    package func frameCount(forSamples sampleCount: Int) -> Int {
        guard sampleCount > 0 else { return 0 }
        let full = sampleCount >= frameLength ? 1 + (sampleCount - frameLength) / frameShift : 0
        return full + 1
    }
}
