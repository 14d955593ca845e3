import Testing

@testable import GailleryAudio

/// Captures real (espeak-ng) speech through ALSA's file plugin: the whole ALSA path (lconf open, hw
/// params, start, wait, readi) runs exactly as for a microphone; only the samples come from a file.
@Suite(.enabled(if: SpeechFixtures.available, SpeechFixtures.skipReason))
struct CaptureSpeechTests {
    /// 0.5 s of silence, the command, then 5 s of silence; the 10 s limit is never reached.
    @Test func stopsAfterTheHangoverWithTheSpeechFound() throws {
        let fixtures = try CaptureFixtures()
        let path = try fixtures.speech("show me photos of dogs", after: 5)
        let loud = try CaptureFixtures.loudSpan(of: path)
        let captured = try AudioCapture(source: .replaying(rawFile: path)).record(maxSeconds: 10)
        let speech = try #require(captured.speech)
        #expect(captured.stopReason == .endOfSpeech)
        #expect(captured.deviceRate == 16_000 && captured.deviceChannels == 1 && captured.overruns == 0)
        // The range covers the loud part, give or take the 50 ms padding and a frame or two.
        let (start, end) = (Double(speech.startMs) / 1_000, Double(speech.endMs) / 1_000)
        #expect(abs(start - loud.lowerBound) < 0.1 && abs(end - loud.upperBound) < 0.1, "\(speech), loud \(loud)")
        // Stopped 0.6 s (the hangover) after the last speech frame, long before the file's end.
        let hangover = Double(CaptureSettings().endpointer.endFrames) / 100
        #expect(abs(captured.audio.duration - (end + hangover)) < 0.1, "\(captured.audio.duration)")
        // The captured samples are the file's, bit for bit, up to the stop.
        let expected = try CaptureFixtures.samples(of: path)
        #expect(captured.audio.samples[...] == expected.prefix(captured.audio.samples.count))
    }

    /// The live range agrees with the offline endpointer run over the same audio.
    @Test func liveRangeMatchesTheWholeClipRange() throws {
        let fixtures = try CaptureFixtures()
        let path = try fixtures.speech("delete this photo")
        let captured = try AudioCapture(source: .replaying(rawFile: path)).record(maxSeconds: 10)
        let live = try #require(captured.speech)
        let energies = FeatureExtractor().analyze(captured.audio.samples).energies
        let offline = try #require(Endpointer.speechRange(in: energies, configuration: CaptureSettings().endpointer))
        #expect(
            abs(live.startMs - offline.startMs) <= 30 && abs(live.endMs - offline.endMs) <= 30, "\(live) \(offline)")
    }

    /// Devices that cannot do 16 kHz mono deliver their own rate and channels; the result is the same
    /// speech at 16 kHz, with the same range to within a few frames.
    @Test(arguments: [(48_000, 2), (44_100, 1), (22_050, 2), (8_000, 1)])
    func resamplesOtherDeviceRates(rate: Int, channels: Int) throws {
        let fixtures = try CaptureFixtures()
        let text = "show me the latest photos"
        let reference = try AudioCapture(source: .replaying(rawFile: try fixtures.speech(text)))
            .record(maxSeconds: 10)
        let path = try fixtures.speech(text, rate: rate, channels: channels)
        let capture = AudioCapture(
            source: .replaying(rawFile: path), settings: CaptureFixtures.settings(rate: rate, channels: channels))
        let captured = try capture.record(maxSeconds: 10)
        #expect(captured.deviceRate == rate && captured.deviceChannels == channels)
        #expect(captured.audio.sampleRate == 16_000 && captured.stopReason == .endOfSpeech)
        let (speech, expected) = (try #require(captured.speech), try #require(reference.speech))
        #expect(abs(speech.startMs - expected.startMs) <= 40 && abs(speech.endMs - expected.endMs) <= 40)
        #expect(abs(captured.audio.duration - reference.audio.duration) <= 0.05)
    }

    /// Speech still going at the limit: the range runs to the end of what was captured.
    @Test func timeLimitCutsSpeechShort() throws {
        let fixtures = try CaptureFixtures()
        let path = try fixtures.speech("how many pictures of cats do I have")
        let captured = try AudioCapture(source: .replaying(rawFile: path)).record(maxSeconds: 1.2)
        let speech = try #require(captured.speech)
        #expect(captured.stopReason == .timeLimit)
        #expect(captured.audio.samples.count == 19_200)
        #expect(speech.startMs < 700 && (1_150...1_200).contains(speech.endMs), "\(speech)")
    }

    /// Past the end of its file the virtual microphone is silent (ALSA's file plugin keeps reading the null
    /// PCM), so a command cut off by the end of the file still ends with the hangover.
    @Test func pastTheEndOfTheFileTheMicrophoneIsSilent() throws {
        let fixtures = try CaptureFixtures()
        let spoken = try fixtures.speech("find photos of bicycles")
        let cut = Int((try CaptureFixtures.loudSpan(of: spoken).upperBound - 0.3) * 16_000)  // mid-word
        let path = try fixtures.raw(Array(try CaptureFixtures.samples(of: spoken).prefix(cut)))
        let file = try CaptureFixtures.samples(of: path)
        let captured = try AudioCapture(source: .replaying(rawFile: path)).record(maxSeconds: 10)
        #expect(captured.stopReason == .endOfSpeech)
        #expect(captured.audio.samples.count > file.count + 9_600)  // at least the 0.6 s hangover
        #expect(captured.audio.samples.prefix(file.count)[...] == file[...])
        #expect(captured.audio.samples.dropFirst(file.count).allSatisfy { $0 == 0 })
    }
}
