import Testing

@testable import GailleryAudio

@Suite struct ResamplerTests {
    /// The steady-state middle of a resampled signal (the filter's edges ramp in and out).
    static func middle(_ samples: [Float]) -> ArraySlice<Float> {
        samples[(samples.count / 4)..<(samples.count * 3 / 4)]
    }

    @Test(arguments: [8_000, 11_025, 22_050, 32_000, 44_100, 48_000])
    func passesOneKilohertzWithinATenthOfADecibel(rate: Int) {
        let input = PCMAudio(samples: Signals.tone(1_000, rate: rate, seconds: 1), sampleRate: rate)
        let output = resample(input, to: 16_000)
        let gain = Signals.amplitude(of: 1_000, in: Self.middle(output.samples), rate: 16_000) / 0.5
        #expect(abs(Signals.decibels(gain)) < 0.1, "gain \(Signals.decibels(gain)) dB at \(rate) Hz")
    }

    /// 48 kHz → 16 kHz: 7.9 kHz (just below the new Nyquist, above the 6.9 kHz pass band) and tones that
    /// would alias (9, 12, 20 kHz) must come out at least 60 dB down.
    @Test(arguments: [7_900.0, 9_000, 12_000, 20_000])
    func rejectsAliasesByAtLeast60Decibels(frequency: Double) {
        let input = PCMAudio(samples: Signals.tone(frequency, rate: 48_000, seconds: 1), sampleRate: 48_000)
        let output = resample(input, to: 16_000)
        let level = Signals.rms(Self.middle(output.samples)) / (0.5 / 2.0.squareRoot())
        #expect(Signals.decibels(level) <= -60, "\(frequency) Hz came out at \(Signals.decibels(level)) dB")
    }

    /// 8 kHz → 16 kHz: a 3 kHz tone's image at 5 kHz must be at least 60 dB down.
    @Test func removesUpsamplingImages() {
        let input = PCMAudio(samples: Signals.tone(3_000, rate: 8_000, seconds: 1), sampleRate: 8_000)
        let output = Self.middle(resample(input, to: 16_000).samples)
        let image = Signals.amplitude(of: 5_000, in: output, rate: 16_000) / 0.5
        #expect(Signals.decibels(image) <= -60)
    }

    @Test func keepsTimingAndLength() {
        var impulse = [Float](repeating: 0, count: 48_000)
        impulse[4_800] = 1
        let output = resample(PCMAudio(samples: impulse, sampleRate: 48_000), to: 16_000).samples
        #expect(output.count == 16_000)
        let peak = output.indices.max { abs(output[$0]) < abs(output[$1]) }
        #expect(peak == 1_600)
        let odd = resample(PCMAudio(samples: [Float](repeating: 0.1, count: 44_101), sampleRate: 44_100), to: 16_000)
        #expect(odd.samples.count == (44_101 * 16_000 + 44_099) / 44_100)
    }

    @Test func leavesMatchingRateUntouched() {
        let input = PCMAudio(samples: Signals.noise(count: 1_000, amplitude: 0.3), sampleRate: 16_000)
        #expect(resample(input, to: 16_000) == input)
    }

    /// A rate with no small common factor (47 999 Hz) falls back to nearest-phase interpolation.
    @Test func handlesAwkwardRatios() {
        let input = PCMAudio(samples: Signals.tone(1_000, rate: 47_999, seconds: 0.5), sampleRate: 47_999)
        let output = resample(input, to: 16_000)
        let gain = Signals.amplitude(of: 1_000, in: Self.middle(output.samples), rate: 16_000) / 0.5
        #expect(abs(Signals.decibels(gain)) < 0.1)
    }
}
