#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reconstruction filter for `RGBImage.resized`, with the same kernels and supports as PIL's
/// `Image.resize` (box, bilinear, hamming, bicubic a = -0.5, lanczos a = 3).
///
/// Why PIL's scheme: when shrinking, the kernel's support is stretched by the scale factor, so every
/// source pixel under an output pixel's footprint contributes (antialiasing, as area averaging does)
/// while enlarging stays plain interpolation. Torchvision-style classifier preprocessing is defined by
/// PIL's resize, so matching it exactly keeps the model's inputs as in training.
package enum ResampleFilter: Sendable, Hashable, CaseIterable {
    /// Area average (nearest neighbour when enlarging); support 0.5.
    case box
    /// Triangle filter: PIL's BILINEAR, torchvision's default; support 1.
    case bilinear
    /// Hamming-windowed sinc; support 1.
    case hamming
    /// Keys cubic with a = -0.5: PIL's BICUBIC; support 2. Sharper than bilinear, slight overshoot.
    case bicubic
    /// Lanczos-windowed sinc, a = 3: PIL's LANCZOS; support 3.
    case lanczos

    /// Half-width of the kernel in source pixels at scale 1.
    package var support: Double {
        switch self {
        case .box: 0.5
        case .bilinear, .hamming: 1
        case .bicubic: 2
        case .lanczos: 3
        }
    }

    /// The kernel's weight at distance `x` (in source pixels at scale 1).
    package func weight(_ x: Double) -> Double {
        switch self {
        case .box:
            return x > -0.5 && x <= 0.5 ? 1 : 0
        case .bilinear:
            let t = abs(x)
            return t < 1 ? 1 - t : 0
        case .hamming:
            let t = abs(x)
            if t == 0 { return 1 }
            if t >= 1 { return 0 }
            // PIL writes these constants as C floats; widen the same floats to match it bit for bit.
            return sin(t * .pi) / (t * .pi) * (Double(Float(0.54)) + Double(Float(0.46)) * cos(t * .pi))
        case .bicubic:
            let a = -0.5
            let t = abs(x)
            if t < 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
            if t < 2 { return (((t - 5) * t + 8) * t - 4) * a }
            return 0
        case .lanczos:
            return x >= -3 && x < 3 ? Self.sinc(x) * Self.sinc(x / 3) : 0
        }
    }

    private static func sinc(_ x: Double) -> Double {
        x == 0 ? 1 : sin(x * .pi) / (x * .pi)
    }
}
