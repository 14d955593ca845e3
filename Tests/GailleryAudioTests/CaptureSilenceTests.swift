import Testing

@testable import GailleryAudio

/// No speech: capture runs to the limit and reports none.
@Suite struct CaptureSilenceTests {
    @Test(arguments: [Float(0), 0.003, 0.03])
    func silenceAndSteadyNoiseRunToTheLimit(noise: Float) throws {
        let fixtures = try CaptureFixtures()
        let path = try fixtures.raw(Signals.noise(count: 5 * 16_000, amplitude: noise))
        let captured = try AudioCapture(source: .replaying(rawFile: path)).record(maxSeconds: 3)
        #expect(captured.stopReason == .timeLimit)
        #expect(captured.speech == nil)
        #expect(captured.audio.samples.count == 48_000 && captured.audio.sampleRate == 16_000)
    }

    /// A 440 Hz burst stands in for speech when espeak-ng is missing: found, and capture stops after it.
    @Test func toneBurstIsEndpointed() throws {
        let fixtures = try CaptureFixtures()
        let signal =
            Signals.noise(count: 16_000, amplitude: 0.002)
            + Signals.tone(440, rate: 16_000, seconds: 1, amplitude: 0.25)
            + Signals.noise(count: 80_000, amplitude: 0.002, seed: 7)
        let captured = try AudioCapture(source: .replaying(rawFile: try fixtures.raw(signal))).record(maxSeconds: 6)
        let speech = try #require(captured.speech)
        #expect(captured.stopReason == .endOfSpeech)
        #expect(abs(speech.startMs - 930) <= 30 && abs(speech.endMs - 2_050) <= 30, "\(speech)")
        #expect(captured.audio.duration < 2.8)
    }
}
