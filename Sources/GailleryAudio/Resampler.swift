/// Resamples `audio` to `rate` Hz (polyphase Kaiser-windowed sinc, 80 dB stopband); returns it unchanged
/// when it is already at `rate`.
///
/// The pass band runs to 86 % and the stop band starts at 97.5 % of the lower Nyquist frequency (for
/// 16 kHz output: flat to 6.9 kHz, above the front end's 6.8 kHz filterbank edge, and ≥ 80 dB down from
/// 7.8 kHz, so nothing aliases into the band the recogniser uses). The output is time-aligned with the input.
package func resample(_ audio: PCMAudio, to rate: Int) -> PCMAudio {
    precondition(rate > 0, "resample: target rate must be positive, got \(rate)")
    if audio.sampleRate == rate || audio.samples.isEmpty {
        return PCMAudio(samples: audio.samples, sampleRate: rate)
    }
    let resampler = PolyphaseResampler(from: audio.sampleRate, to: rate)
    return PCMAudio(samples: resampler.process(audio.samples), sampleRate: rate)
}

/// A rational-ratio polyphase resampler: output sample m sits at input time m · inRate / outRate, and
/// is the dot product of the surrounding input samples with one phase of a precomputed filter table.
struct PolyphaseResampler {
    /// Largest number of filter phases tabulated; ratios needing more use the nearest phase (timing
    /// error below 1/8192 sample, i.e. more than 80 dB down for the pass band).
    static let maxPhases = 4096

    private let up: Int
    private let down: Int
    private let phases: Int
    private let taps: Int
    /// `taps` rounded up to a multiple of 8 (SIMD width); the extra coefficients are zero.
    private let stride: Int
    private let halfLength: Int
    /// `phases` rows of `stride` coefficients; row p is the filter for fractional delay p / phases.
    private let table: [Float]

    /// Designs the filter for converting `inputRate` Hz to `outputRate` Hz.
    init(from inputRate: Int, to outputRate: Int) {
        let divisor = gcd(inputRate, outputRate)
        up = outputRate / divisor
        down = inputRate / divisor
        phases = min(up, Self.maxPhases)
        let nyquist = Double(min(inputRate, outputRate)) / 2
        let filter = KaiserLowpass(
            inputRate: Double(inputRate),
            passband: 0.8625 * nyquist,
            stopband: 0.975 * nyquist,
            attenuation: 80
        )
        halfLength = filter.halfLength
        taps = 2 * halfLength
        stride = (taps + 7) / 8 * 8
        var table = [Float](repeating: 0, count: phases * stride)
        for phase in 0..<phases {
            let fraction = Double(phase) / Double(phases)
            var row = [Double](repeating: 0, count: taps)
            // Tap k multiplies input n0 + k − halfLength + 1, which lies k − halfLength + 1 − fraction away.
            for k in 0..<taps { row[k] = filter.response(at: Double(k - halfLength + 1) - fraction) }
            let gain = row.reduce(0, +)
            for k in 0..<taps { table[phase * stride + k] = Float(row[k] / gain) }
        }
        self.table = table
    }

    /// Resamples `input`; the output has ⌈count · outputRate / inputRate⌉ samples.
    func process(_ input: [Float]) -> [Float] {
        let outputCount = (input.count * up + down - 1) / down
        // Zero-pad so every (vector-padded) tap of every output sample reads inside the buffer.
        var padded = [Float](repeating: 0, count: input.count + 3 * stride)
        padded.replaceSubrange(stride..<(stride + input.count), with: input)
        var output = [Float](repeating: 0, count: outputCount)
        padded.withUnsafeBufferPointer { source in
            table.withUnsafeBufferPointer { coefficients in
                output.withUnsafeMutableBufferPointer { out in
                    for m in 0..<outputCount {
                        let position = m * down
                        var base = position / up
                        var phase = phases == up ? position % up : ((position % up) * phases + up / 2) / up
                        if phase == phases {
                            base += 1
                            phase = 0
                        }
                        let start = UnsafeRawPointer(source.baseAddress! + (base + stride - halfLength + 1))
                        let row = UnsafeRawPointer(coefficients.baseAddress! + phase * stride)
                        var sum = SIMD8<Float>()
                        for chunk in 0..<(stride / 8) {
                            let offset = chunk * 8 * MemoryLayout<Float>.stride
                            sum +=
                                start.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                                * row.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                        }
                        out[m] = sum.sum()
                    }
                }
            }
        }
        return output
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
