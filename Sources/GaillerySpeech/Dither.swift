/// Deterministic low-level noise added to audio before the front end.
enum Dither {
    /// Adds uniform noise in ±`amplitude` (in −1…1 sample units) from a fixed-seed generator, so the same
    /// clip always gives the same features.
    static func add(to samples: inout [Float], amplitude: Float) {
        guard amplitude > 0 else { return }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in samples.indices {
            // xorshift64*: fast, and plenty for dither.
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            let random = state &* 0x2545_F491_4F6C_DD1D
            let unit = Float(random >> 40) / Float(1 << 24)  // 0..<1
            samples[index] += (2 * unit - 1) * amplitude
        }
    }
}
