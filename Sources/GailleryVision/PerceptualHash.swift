import Foundation

/// A 64-bit perceptual hash (DCT pHash): the image shrunk to 32 × 32 grey, its 2-D DCT-II, and one bit per
/// coefficient of the 8 × 8 lowest frequencies, set when the coefficient is above their median.
///
/// Resizing, recompression and small colour changes move few low-frequency coefficients across the
/// median, so copies of one photo are a few bits apart (`distance(to:)`), while unrelated photos differ in
/// about half of the 64 bits. Cropping and rotation are not tolerated: the hash compares whole frames.
package struct PerceptualHash: Sendable, Hashable, CustomStringConvertible {
    /// The 64 bits; bit `8 * v + u` is frequency (u, v), u across, v down.
    package var bits: UInt64

    /// The side of the grey image the DCT runs on.
    static let side = 32
    /// The side of the low-frequency block that makes the bits.
    static let block = 8

    /// Wraps stored bits.
    package init(bits: UInt64) { self.bits = bits }

    /// The hash of `image` (any size; the aspect ratio is ignored).
    package init(_ image: RGBImage) {
        let small = image.resized(width: Self.side, height: Self.side, filter: .bilinear)
        var grey = [Double](repeating: 0, count: Self.side * Self.side)
        for index in grey.indices {
            let pixel = index * 3
            // ITU-R 601 luma, as PIL's convert("L").
            grey[index] =
                0.299 * Double(small.pixels[pixel]) + 0.587 * Double(small.pixels[pixel + 1]) + 0.114
                * Double(small.pixels[pixel + 2])
        }
        let coefficients = Self.lowFrequencies(grey)
        let median = coefficients.sorted()[coefficients.count / 2]
        var bits: UInt64 = 0
        for (index, value) in coefficients.enumerated() where value > median { bits |= 1 << UInt64(index) }
        self.bits = bits
    }

    /// The number of bits in which two hashes differ, 0...64.
    package func distance(to other: PerceptualHash) -> Int { (bits ^ other.bits).nonzeroBitCount }

    /// 16 hex digits.
    package var description: String {
        let hex = String(bits, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The 8 × 8 lowest coefficients of the 2-D DCT-II of a 32 × 32 grey image (row-major, v then u).
    /// Separable: rows first, then columns, each only for the frequencies kept (8 × 32 + 8 × 8 sums of 32).
    private static func lowFrequencies(_ grey: [Double]) -> [Double] {
        let basis = Self.basis
        var rows = [Double](repeating: 0, count: side * block)  // [y][u]
        for y in 0..<side {
            for u in 0..<block {
                var sum = 0.0
                for x in 0..<side { sum += grey[y * side + x] * basis[u * side + x] }
                rows[y * block + u] = sum
            }
        }
        var result = [Double](repeating: 0, count: block * block)
        for v in 0..<block {
            for u in 0..<block {
                var sum = 0.0
                for y in 0..<side { sum += rows[y * block + u] * basis[v * side + y] }
                result[v * block + u] = sum
            }
        }
        return result
    }

    /// cos(π (2x + 1) k / 64) for k in 0..<8, x in 0..<32 (scale factors dropped: the median test ignores
    /// them except for k = 0, whose coefficient is one of 64 compared like the others).
    private static let basis: [Double] = (0..<block).flatMap { k in
        (0..<side).map { x in cos(Double.pi * Double(2 * x + 1) * Double(k) / Double(2 * side)) }
    }
}
