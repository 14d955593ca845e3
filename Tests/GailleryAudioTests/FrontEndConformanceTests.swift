import Foundation
import Testing

@testable import GailleryAudio

/// Our FFTW front end against sphinxbase's own `fe_*` API with the en-us model's parameters (dither,
/// noise removal and silence removal off), frame by frame.
@Suite struct FrontEndConformanceTests {
    /// Largest per-coefficient absolute difference allowed. Measured: 0.00026 on espeak speech and on
    /// the synthetic signal (single- vs double-precision FFT rounding), for cepstra of magnitude up to ~90.
    static let tolerance: Float = 0.001

    /// Runs both front ends on `samples`; returns the largest absolute difference of each coefficient.
    static func differences(_ samples: [Int16]) throws -> [Float] {
        let reference = try #require(SphinxFrontEnd()).cepstra(samples)
        let ours = FeatureExtractor().cepstra(samples.map { Float($0) / 32768 })
        #expect(ours.count == reference.count, "frame counts differ")
        var worst = [Float](repeating: 0, count: 13)
        for (mine, theirs) in zip(ours, reference) {
            #expect(mine.count == 13 && theirs.count == 13)
            for index in 0..<13 { worst[index] = max(worst[index], abs(mine[index] - theirs[index])) }
        }
        return worst
    }

    @Test(
        .enabled(if: SpeechFixtures.available, SpeechFixtures.skipReason),
        arguments: [("show me photos of dogs", "en-us"), ("how many pictures of cats do I have", "en-gb")]
    )
    func matchesSphinxbaseOnSpeech(text: String, voice: String) throws {
        let audio = try SpeechFixtures.speech(text, voice: voice)
        #expect(audio.sampleRate == 16_000 && audio.duration > 1)
        let samples = audio.samples.map { Int16(($0 * 32768).rounded()) }
        let worst = try Self.differences(samples)
        print("\(text): max |Δc| per coefficient \(worst), overall \(worst.max()!)")
        #expect(worst.max()! < Self.tolerance)
    }

    /// Needs no external tools: a chirp in noise with a silent gap, an odd length and full-scale peaks.
    @Test func matchesSphinxbaseOnSyntheticSignal() throws {
        let chirp = (0..<24_000).map { n -> Float in
            let t = Float(n) / 16_000
            return 0.6 * sin(2 * .pi * (100 + 2_000 * t) * t)
        }
        let noise = Signals.noise(count: 24_000, amplitude: 0.05)
        var signal = zip(chirp, noise).map { min(1 - 1.0 / 32768, max(-1, $0 + $1)) }
        signal.replaceSubrange(8_000..<9_000, with: [Float](repeating: 0, count: 1_000))
        signal += Signals.noise(count: 333, amplitude: 0.01, seed: 7)
        let worst = try Self.differences(signal.map { Int16(($0 * 32768).rounded()) })
        print("synthetic: max |Δc| per coefficient \(worst), overall \(worst.max()!)")
        #expect(worst.max()! < Self.tolerance)
    }

    /// sphinxbase's framing: full 410-sample windows every 160 samples, then one zero-padded partial window.
    @Test(arguments: [(1, 1), (409, 1), (410, 2), (569, 2), (570, 3), (16_000, 99), (48_000, 299)])
    func countsFramesLikeSphinxbase(samples: Int, frames: Int) {
        #expect(FrontEndConfiguration.pocketsphinxEnUS.frameCount(forSamples: samples) == frames)
        #expect(FeatureExtractor().cepstra([Float](repeating: 0.1, count: samples)).count == frames)
    }
}
