import Foundation

/// A Kaiser-windowed sinc low-pass, evaluated at arbitrary (fractional) tap positions, as the prototype
/// of the polyphase resampler.
///
/// Design (Kaiser's formulas): stopband attenuation `A` dB gives β = 0.1102 (A − 8.7) and a length of
/// (A − 7.95) / (2.285 · Δω) taps, where Δω is the transition width in radians per input sample.
struct KaiserLowpass {
    /// Cutoff (the middle of the transition band) in cycles per input sample.
    let cutoff: Double
    /// Half the filter length in input samples; taps lie strictly inside ±halfLength.
    let halfLength: Int
    /// Kaiser β.
    let beta: Double
    private let inverseI0Beta: Double

    /// Designs a filter for input at `inputRate` Hz passing up to `passband` Hz and attenuating
    /// `attenuation` dB from `stopband` Hz on.
    init(inputRate: Double, passband: Double, stopband: Double, attenuation: Double) {
        precondition(passband > 0 && stopband > passband && stopband <= inputRate / 2, "KaiserLowpass: bad band edges")
        cutoff = (passband + stopband) / 2 / inputRate
        let transition = 2 * Double.pi * (stopband - passband) / inputRate
        let length = (attenuation - 7.95) / (2.285 * transition)
        halfLength = max(2, Int((length / 2).rounded(.up)))
        beta =
            attenuation > 50
            ? 0.1102 * (attenuation - 8.7) : 0.5842 * pow(attenuation - 21, 0.4) + 0.07886 * (attenuation - 21)
        inverseI0Beta = 1 / Self.besselI0(beta)
    }

    /// The impulse response at `offset` input samples from the centre (unnormalised; DC gain ≈ 1).
    func response(at offset: Double) -> Double {
        let u = offset / Double(halfLength)
        guard abs(u) < 1 else { return 0 }
        let x = 2 * cutoff * offset
        let sinc = x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
        return 2 * cutoff * sinc * Self.besselI0(beta * (1 - u * u).squareRoot()) * inverseI0Beta
    }

    /// The zeroth-order modified Bessel function of the first kind, by its power series.
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0
        var term = 1.0
        let half = x / 2
        var k = 1.0
        while term > 1e-12 * sum {
            term *= (half / k) * (half / k)
            sum += term
            k += 1
        }
        return sum
    }
}
