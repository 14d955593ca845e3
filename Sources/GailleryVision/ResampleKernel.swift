/// Fixed-point resampling weights for one axis, computed as PIL's `precompute_coeffs` does: for output
/// pixel i the source centre is (i + 0.5) * scale, the support is stretched by max(scale, 1), taps are
/// the source pixels whose centres fall in [centre - support, centre + support), weights are normalised to
/// sum to 1 and then rounded to signed integers with `precisionBits` fractional bits.
struct ResampleKernel {
    /// Fractional bits of the integer weights (PIL: 32 - 8 - 2 = 22, room for 8-bit samples and overshoot).
    static let precisionBits = 22

    /// Maximum taps per output pixel.
    let taps: Int
    /// For each output pixel, `taps + 2` entries: the first source index, the number of taps used
    /// (<= taps), then the weights in fixed point. One flat array keeps the inner loop on one buffer;
    /// 32-bit, as PIL's sums are.
    let table: [Int32]

    /// Weights mapping `inputSize` samples to `outputSize` samples with `filter`.
    init(inputSize: Int, outputSize: Int, filter: ResampleFilter) {
        let scale = Double(inputSize) / Double(outputSize)
        let filterScale = max(scale, 1)
        let support = filter.support * filterScale
        let taps = Int(support.rounded(.up)) * 2 + 1
        let reciprocal = 1 / filterScale
        var table = [Int32](repeating: 0, count: outputSize * (taps + 2))
        var row = [Double](repeating: 0, count: taps)
        let one = Double(1 << Self.precisionBits)
        for output in 0..<outputSize {
            let center = (Double(output) + 0.5) * scale
            // Int(_:) truncates toward zero, as PIL's (int) casts do.
            let first = max(Int(center - support + 0.5), 0)
            let count = min(Int(center + support + 0.5), inputSize) - first
            var total = 0.0
            for tap in 0..<count {
                row[tap] = filter.weight((Double(tap + first) - center + 0.5) * reciprocal)
                total += row[tap]
            }
            for tap in 0..<count {
                let normalised = total != 0 ? row[tap] / total : row[tap]
                table[output * (taps + 2) + 2 + tap] = Int32(
                    normalised < 0 ? normalised * one - 0.5 : normalised * one + 0.5)
            }
            table[output * (taps + 2)] = Int32(first)
            table[output * (taps + 2) + 1] = Int32(count)
        }
        self.taps = taps
        self.table = table
    }
}
