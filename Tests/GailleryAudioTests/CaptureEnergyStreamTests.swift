import Testing

@testable import GailleryAudio

/// Live endpointing sees exactly the energies the whole-clip front end computes.
@Suite struct CaptureEnergyStreamTests {
    @Test(arguments: [16_000, 48_000, 44_100, 8_000])
    func piecewiseEnergiesEqualWholeClipEnergies(rate: Int) {
        let samples =
            Signals.noise(count: rate / 2, amplitude: 0.01)
            + Signals.tone(300, rate: rate, seconds: 0.7, amplitude: 0.3)
            + Signals.noise(count: rate / 3, amplitude: 0.02, seed: 11)
        let stream = FrameEnergyStream(sampleRate: rate)
        var energies: [Float] = []
        var position = 0
        var chunk = 1
        while position < samples.count {  // chunks from 1 sample up to ~a period, in an irregular order
            let end = min(samples.count, position + chunk)
            energies += stream.append(samples[position..<end])
            position = end
            chunk = (chunk * 7 + 13) % (rate / 40) + 1
        }
        let configuration = FrameEnergyStream.configuration(sampleRate: rate)
        let whole = FeatureExtractor(configuration: configuration).analyze(samples).energies
        #expect(energies.count == whole.count - 1)  // all but the trailing partial window
        #expect(energies[...] == whole.prefix(energies.count))
        #expect(stream.frameCount == energies.count && stream.samples == samples)
    }

    @Test func atSixteenKilohertzTheFrontEndIsTheRecognisers() {
        #expect(FrameEnergyStream.configuration(sampleRate: 16_000) == .pocketsphinxEnUS)
    }
}
