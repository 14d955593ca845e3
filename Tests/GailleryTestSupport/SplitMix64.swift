import Foundation

/// A small seeded generator (SplitMix64) for tests and benchmarks, so that a failing case or a
/// generated data set can be replayed exactly.
package struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// A generator starting from `seed` (any value).
    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniformly chosen element of `values` (which must not be empty).
    package mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }

    /// A standard normal value (Box–Muller).
    package mutating func gaussian() -> Float {
        let u1 = (Double(next() >> 11) + 0.5) / Double(1 << 53)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return Float((-2 * log(u1)).squareRoot() * cos(2 * .pi * u2))
    }
}
