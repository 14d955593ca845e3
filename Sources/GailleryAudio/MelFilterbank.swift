import Foundation

/// Triangular mel filters over the power spectrum, built the way sphinxbase's front end builds them.
///
/// Facts from sphinxbase (fe_sigproc.c), reimplemented: mel(f) = 2595 log10(1 + f/700); the edges of
/// filter i are mel⁻¹ of melmin + (i, i+1, i+2) · (melmax − melmin)/(nfilt + 1), each rounded to the
/// nearest DFT bin; the weight of bin k is min(rising, falling) slope, times 2/(right − left) Hz for unit
/// area; bins from the left edge to the right edge inclusive (weights 0 at both ends). Computed in single
/// precision like sphinxbase, so edge rounding picks the same bins.
struct MelFilterbank {
    /// First power-spectrum bin of each filter.
    let startBins: [Int]
    /// Weights of each filter, starting at its `startBins` entry.
    let weights: [[Float]]

    /// Builds the filterbank for `configuration`.
    init(_ configuration: FrontEndConfiguration) {
        let rate = Float(configuration.sampleRate)
        let binWidth = rate / Float(configuration.fftSize)
        let melMin = Self.mel(configuration.lowerFrequency)
        let melMax = Self.mel(configuration.upperFrequency)
        let melWidth = (melMax - melMin) / Float(configuration.filterCount + 1)
        var startBins: [Int] = []
        var weights: [[Float]] = []
        for filter in 0..<configuration.filterCount {
            let edges = (0..<3).map { j -> Float in
                let hertz = Self.inverseMel(Float(filter + j) * melWidth + melMin)
                return Float(Int(Double(hertz / binWidth) + 0.5)) * binWidth
            }
            precondition(edges[0] < edges[1] && edges[1] < edges[2], "MelFilterbank: filter \(filter) is empty")
            let first = Int((edges[0] / binWidth).rounded())
            let last = min(Int((edges[2] / binWidth).rounded()), configuration.fftSize / 2 - 1)
            let area = 2 / (edges[2] - edges[0])
            let row = (first...last).map { bin -> Float in
                let hertz = Float(bin) * binWidth
                let rising = (hertz - edges[0]) / (edges[1] - edges[0]) * area
                let falling = (edges[2] - hertz) / (edges[2] - edges[1]) * area
                return min(rising, falling)
            }
            startBins.append(first)
            weights.append(row)
        }
        self.startBins = startBins
        self.weights = weights
    }

    /// Applies the filters to `power` (bins 0…fftSize/2), writing one energy per filter into `energies`.
    func apply(_ power: UnsafeBufferPointer<Double>, into energies: UnsafeMutableBufferPointer<Double>) {
        for filter in 0..<startBins.count {
            let start = startBins[filter]
            var sum = 0.0
            for (offset, weight) in weights[filter].enumerated() { sum += power[start + offset] * Double(weight) }
            energies[filter] = sum
        }
    }

    static func mel(_ hertz: Float) -> Float { Float(2595.0 * log10(1.0 + Double(hertz) / 700.0)) }

    static func inverseMel(_ mel: Float) -> Float { Float(700.0 * (pow(10.0, Double(mel) / 2595.0) - 1.0)) }
}
