import Foundation

/// What the front end computes for a clip: cepstra for the recogniser and per-frame band energies for
/// the endpointer, one entry per frame (100 frames/s).
package struct FrontEndOutput: Sendable, Equatable {
    /// Raw (not mean-normalised) liftered cepstra, `cepstrumCount` per frame. pocketsphinx applies its
    /// own CMN and deltas to cepstra passed to `ps_process_cep`.
    package var cepstra: [[Float]]
    /// Energy of each pre-emphasised, windowed frame between the filterbank edges, in dB relative to a
    /// full-scale (±1) signal's mean square; −120 dB for digital silence.
    package var energies: [Float]
}

/// The MFCC front end: pre-emphasis, 410-sample Hamming windows every 160 samples, 512-point FFTW power
/// spectrum, 25 unit-area mel filters (130–6800 Hz), log, DCT-II and lifter — matching sphinxbase's
/// `fe_*` front end as the pocketsphinx en-us model configures it (no dither, no noise removal).
///
/// Frame convention (sphinxbase's): frame k covers samples [160k, 160k + 410); after the last full
/// window comes one partial window (zero-padded) starting at the next hop, as `fe_end_utt` emits.
/// Pre-emphasis runs across frame boundaries (each frame sees the sample before it; 0 before the first).
///
/// Not Sendable: it owns an FFTW plan and scratch buffers reused by every call, so give each thread or
/// decoder worker its own instance (creation costs well under a millisecond).
package final class FeatureExtractor {
    /// The parameters this extractor was built with.
    package let configuration: FrontEndConfiguration
    private let fft: RealFFT
    private let window: [Float]
    private let filterbank: MelFilterbank
    private let transform: CepstralTransform
    private let energyBins: ClosedRange<Int>
    private let energyNormaliser: Double
    private var power: [Double]
    private var melEnergies: [Double]

    /// Builds the filterbank, window and FFT plan for `configuration`.
    package init(configuration: FrontEndConfiguration = .pocketsphinxEnUS) {
        let length = configuration.frameLength
        precondition(length <= configuration.fftSize, "FeatureExtractor: window longer than the FFT")
        self.configuration = configuration
        fft = RealFFT(size: configuration.fftSize)
        window = (0..<length).map { n in
            let mirrored = n < length / 2 ? n : length - 1 - n  // sphinxbase builds half and mirrors it
            return Float(0.54 - 0.46 * cos(2 * Double.pi * Double(mirrored) / Double(length - 1)))
        }
        filterbank = MelFilterbank(configuration)
        transform = CepstralTransform(configuration)
        let binWidth = Double(configuration.sampleRate) / Double(configuration.fftSize)
        let lowestBin = Int((Double(configuration.lowerFrequency) / binWidth).rounded())
        energyBins = lowestBin...Int((Double(configuration.upperFrequency) / binWidth).rounded())
        // Parseval: a frame's half-spectrum power sums to (N/2)·Σw²·(mean square); ±1 maps to ±32768.
        let windowPower = window.reduce(0.0) { $0 + Double($1) * Double($1) }
        energyNormaliser = 1 / (Double(configuration.fftSize) / 2 * windowPower * 32768 * 32768)
        power = [Double](repeating: 0, count: configuration.fftSize / 2 + 1)
        melEnergies = [Double](repeating: 0, count: configuration.filterCount)
    }

    /// Cepstra of `samples` (mono, −1…1, at `configuration.sampleRate`), `cepstrumCount` per frame.
    package func cepstra(_ samples: [Float]) -> [[Float]] { analyze(samples).cepstra }

    /// Cepstra and frame energies of `samples` (mono, −1…1, at `configuration.sampleRate`).
    package func analyze(_ samples: [Float]) -> FrontEndOutput {
        let frames = configuration.frameCount(forSamples: samples.count)
        var cepstra: [[Float]] = []
        cepstra.reserveCapacity(frames)
        var energies: [Float] = []
        energies.reserveCapacity(frames)
        var row = [Float](repeating: 0, count: configuration.cepstrumCount)
        samples.withUnsafeBufferPointer { source in
            for frame in 0..<frames {
                let energy = process(source, start: frame * configuration.frameShift, into: &row)
                cepstra.append(row)
                energies.append(energy)
            }
        }
        return FrontEndOutput(cepstra: cepstra, energies: energies)
    }

    /// Runs one frame starting at sample `start`; writes its cepstra to `row` and returns its energy (dB).
    private func process(_ source: UnsafeBufferPointer<Float>, start: Int, into row: inout [Float]) -> Float {
        let length = configuration.frameLength
        let available = min(length, source.count - start)
        let alpha = Double(configuration.preEmphasis)
        var previous = start > 0 ? Double(source[start - 1]) : 0
        for n in 0..<available {
            let current = Double(source[start + n])
            fft.input[n] = Float((current - alpha * previous) * 32768) * window[n]
            previous = current
        }
        for n in available..<configuration.fftSize { fft.input[n] = 0 }
        fft.execute()
        var bandPower = 0.0
        for k in 0..<power.count {
            let (re, im) = (Double(fft.output[k].0), Double(fft.output[k].1))
            power[k] = re * re + im * im
            if energyBins.contains(k) { bandPower += power[k] }
        }
        power.withUnsafeBufferPointer { spectrum in
            melEnergies.withUnsafeMutableBufferPointer { filterbank.apply(spectrum, into: $0) }
        }
        melEnergies.withUnsafeMutableBufferPointer { energies in
            row.withUnsafeMutableBufferPointer { transform.apply(energies, into: $0) }
        }
        return Float(10 * log10(bandPower * energyNormaliser + 1e-12))
    }
}

/// One extractor per thread: its FFT plan and buffers are mutated by every call.
@available(*, unavailable)
extension FeatureExtractor: Sendable {}
