import Testing

@testable import GailleryAudio

@Suite struct EndpointerTests {
    static func range(_ samples: [Float]) -> SpeechRange? {
        Endpointer.speechRange(in: FeatureExtractor().analyze(samples).energies)
    }

    /// A 440 Hz burst at −12 dBFS standing in for speech, with `before`/`after` seconds of `floor` around it.
    static func burst(seconds: Double, before: Double = 1, after: Double = 1, floor: Float = 0) -> [Float] {
        let silence = { (s: Double) in Signals.noise(count: Int(s * 16_000), amplitude: floor, seed: 3) }
        return silence(before) + Signals.tone(440, rate: 16_000, seconds: seconds, amplitude: 0.25) + silence(after)
    }

    @Test func digitalSilenceHasNoSpeech() {
        #expect(Self.range([Float](repeating: 0, count: 32_000)) == nil)
        #expect(Self.range([]) == nil)
    }

    @Test(arguments: [Float(0.001), 0.01, 0.1])
    func steadyNoiseHasNoSpeech(amplitude: Float) {
        #expect(Self.range(Signals.noise(count: 48_000, amplitude: amplitude)) == nil)
    }

    /// A frame's 25.6 ms window sees a burst 2 frames before the frame's own 10 ms slot, and the range keeps
    /// 5 frames of padding: a burst at 1.0–2.0 s gives 0.93–2.05 s.
    @Test(arguments: [Float(0), 0.005])
    func findsABurstToTheFrame(floor: Float) throws {
        let found = try #require(Self.range(Self.burst(seconds: 1, floor: floor)))
        #expect(abs(found.startMs - 930) <= 20 && abs(found.endMs - 2_050) <= 20, "\(found)")
    }

    @Test func shortBlipIsNotSpeech() {
        #expect(Self.range(Self.burst(seconds: 0.05)) == nil)
    }

    /// Bursts at 0.5–1.0 s and 2.2–2.7 s: the 1.2 s gap exceeds the 40-frame hangover, so live use sees two
    /// segments, each ended 40 frames after its last speech frame.
    @Test func liveUseEndsEachSegmentAfterTheHangover() throws {
        let samples = Self.burst(seconds: 0.5, before: 0.5) + Self.burst(seconds: 0.5, before: 0.2)
        var endpointer = Endpointer()
        var events: [Int: Endpointer.Event] = [:]
        for (frame, energy) in FeatureExtractor().analyze(samples).energies.enumerated() {
            events[frame] = endpointer.push(energy)
        }
        let expected: [Int: Endpointer.Event] = [
            57: .started(frame: 43), 139: .ended(SpeechRange(frames: 43..<105)),
            227: .started(frame: 213), 309: .ended(SpeechRange(frames: 213..<275)),
        ]
        #expect(events == expected)
    }

    @Test func wholeClipSpansAllSegments() throws {
        let samples = Self.burst(seconds: 0.5, before: 0.5, after: 0) + Self.burst(seconds: 0.5, before: 1.2)
        let found = try #require(Self.range(samples))
        #expect(abs(found.startMs - 430) <= 20 && abs(found.endMs - 2_750) <= 20, "\(found)")
    }
}

/// Endpointing real speech generated with espeak-ng.
@Suite(.enabled(if: SpeechFixtures.available, SpeechFixtures.skipReason))
struct SpeechEndpointerTests {
    /// The first and last milliseconds where the clip's amplitude exceeds −40 dBFS.
    static func truth(_ samples: [Float]) -> (start: Int, end: Int) {
        let loud = samples.indices.filter { abs(samples[$0]) > 0.01 }
        return ((loud.first ?? 0) / 16, (loud.last ?? 0) / 16)
    }

    @Test(arguments: [Float(0), 0.003, 0.01])
    func trimsSilenceAroundACommand(noise: Float) throws {
        let speech = try SpeechFixtures.speech("show me photos of dogs").samples
        let (start, end) = Self.truth(speech)
        let pad = [Float](repeating: 0, count: 16_000)
        let clean = pad + speech + pad
        let samples = zip(clean, Signals.noise(count: clean.count, amplitude: noise)).map { $0 + $1 }
        let found = try #require(EndpointerTests.range(samples))
        #expect(abs(found.startMs - (1_000 + start)) <= 100, "start \(found.startMs) vs \(1_000 + start)")
        #expect(abs(found.endMs - (1_000 + end)) <= 100, "end \(found.endMs) vs \(1_000 + end)")
    }

    @Test func keepsTwoWordsWithAShortPauseTogether() throws {
        let first = try SpeechFixtures.speech("photos").samples
        let second = try SpeechFixtures.speech("dogs").samples
        let (firstStart, firstEnd) = Self.truth(first)
        let (secondStart, secondEnd) = Self.truth(second)
        // Trim each word to its loud part and join them with a 250 ms pause inside 1 s of silence.
        let gap = [Float](repeating: 0, count: 4_000)
        let pad = [Float](repeating: 0, count: 16_000)
        let word1 = Array(first[(firstStart * 16)...(firstEnd * 16)])
        let word2 = Array(second[(secondStart * 16)...(secondEnd * 16)])
        let endpointer = FeatureExtractor().analyze(pad + word1 + gap + word2 + pad).energies
        var live = Endpointer()
        let ends = endpointer.compactMap { live.push($0) }.filter { if case .ended = $0 { true } else { false } }
        #expect(ends.count == 1, "the 250 ms pause must not end the utterance")
        let found = try #require(Endpointer.speechRange(in: endpointer))
        let expectedEnd = 1_000 + (word1.count + gap.count + word2.count) / 16
        #expect(abs(found.startMs - 1_000) <= 100 && abs(found.endMs - expectedEnd) <= 100, "\(found)")
    }
}
