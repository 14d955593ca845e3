import Foundation

/// Deterministic test signals and measurements.
enum Signals {
    /// A sine of `frequency` Hz and peak `amplitude`, `seconds` long at `rate` Hz.
    static func tone(_ frequency: Double, rate: Int, seconds: Double, amplitude: Double = 0.5) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { n in
            Float(amplitude * sin(2 * Double.pi * frequency * Double(n) / Double(rate)))
        }
    }

    /// Uniform white noise in ±`amplitude` from a fixed-seed xorshift generator.
    static func noise(count: Int, amplitude: Float, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * amplitude
        }
    }

    /// The amplitude of the `frequency` Hz component of `samples` (a single-bin DFT over all samples).
    static func amplitude(of frequency: Double, in samples: ArraySlice<Float>, rate: Int) -> Double {
        var (re, im) = (0.0, 0.0)
        for (n, sample) in samples.enumerated() {
            let phase = 2 * Double.pi * frequency * Double(n) / Double(rate)
            re += Double(sample) * cos(phase)
            im += Double(sample) * sin(phase)
        }
        return 2 * (re * re + im * im).squareRoot() / Double(samples.count)
    }

    /// Root mean square of `samples`.
    static func rms(_ samples: ArraySlice<Float>) -> Double {
        (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(samples.count, 1))).squareRoot()
    }

    /// 20 log10 of an amplitude ratio.
    static func decibels(_ ratio: Double) -> Double { 20 * log10(ratio) }
}
