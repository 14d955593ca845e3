import CALSA
import Testing

@testable import GailleryAudio

/// Faults injected between the capture loop and a real ALSA PCM: overruns are recovered with the real
/// `snd_pcm_recover`, other read errors end the capture, and a silent device is reported as stalled.
@Suite struct CaptureFaultTests {
    /// A started file-backed PCM over 3 s: 1 s of a tone burst between quiet noise.
    static func device(_ fixtures: CaptureFixtures) throws -> ALSACapturePCM {
        let signal =
            Signals.noise(count: 8_000, amplitude: 0.002) + Signals.tone(440, rate: 16_000, seconds: 1, amplitude: 0.25)
            + Signals.noise(count: 24_000, amplitude: 0.002, seed: 5)
        return try ALSACapturePCM(source: .replaying(rawFile: try fixtures.raw(signal)), settings: CaptureSettings())
    }

    static func loop(_ maxSeconds: Double = 10, settings: CaptureSettings = CaptureSettings()) -> CaptureLoop {
        CaptureLoop(settings: settings, maxSeconds: maxSeconds, cancellation: nil)
    }

    /// An overrun mid-speech is recovered (prepare + start on the real PCM); the file plugin loses no data,
    /// so the capture is the same as without it.
    @Test func overrunIsRecoveredAndCounted() throws {
        let fixtures = try CaptureFixtures()
        let clean = try Self.loop().run(try Self.device(fixtures))
        let faulty = FaultyDevice(try Self.device(fixtures), faults: [30: -Int(EPIPE)])
        let captured = try Self.loop().run(faulty)
        #expect(faulty.recoveries == 1 && captured.overruns == 1 && clean.overruns == 0)
        #expect(captured.stopReason == .endOfSpeech && captured.speech == clean.speech)
        #expect(captured.audio == clean.audio)
    }

    /// A device that fails mid-read (EIO: unplugged) ends the capture with ALSA's message and the time.
    @Test func failureMidReadEndsTheCapture() throws {
        let fixtures = try CaptureFixtures()
        let faulty = FaultyDevice(try Self.device(fixtures), faults: [40: -Int(EIO)])
        let error = try #require(throws: CaptureError.self) { try Self.loop().run(faulty) }
        #expect(faulty.reads == 41 && faulty.periodFrames == 320)  // 40 reads of 20 ms: 0.8 s
        #expect(
            error.description == "capture from 'gaillery_replay' (from a configuration) failed after 0.8 s: "
                + "Input/output error; the device was unplugged or stopped working, check it and try again")
    }

    /// A read that returns no frames (a PCM with nothing more to give) stops with what was captured.
    @Test func readOfNothingIsTheEndOfInput() throws {
        let fixtures = try CaptureFixtures()
        let faulty = FaultyDevice(try Self.device(fixtures), faults: [60: 0])
        let captured = try Self.loop().run(faulty)
        let samples = 60 * faulty.periodFrames
        #expect(captured.stopReason == .endOfInput && captured.audio.samples.count == samples)
        let wholeWindows = FrontEndConfiguration.pocketsphinxEnUS.frameCount(forSamples: samples) - 1
        #expect(try #require(captured.speech).frames.upperBound == wholeWindows)
    }

    /// Overruns that keep coming with no audio between them are not retried forever.
    @Test func endlessOverrunsGiveUp() throws {
        let fixtures = try CaptureFixtures()
        let faults = Dictionary(uniqueKeysWithValues: (5..<100).map { ($0, -Int(EPIPE)) })
        let faulty = FaultyDevice(try Self.device(fixtures), faults: faults)
        let error = try #require(throws: CaptureError.self) { try Self.loop().run(faulty) }
        #expect(faulty.recoveries == CaptureLoop.maxFailedReads)
        #expect(error.description.contains("failed after 0.1 s: Broken pipe"), "\(error)")
    }

    /// Waits that keep timing out: stalled after `stallTimeout`, counted in poll intervals (no clock).
    @Test func silentDeviceIsReportedAsStalled() throws {
        let fixtures = try CaptureFixtures()
        var settings = CaptureSettings()
        settings.stallTimeout = 0.5
        let faulty = FaultyDevice(try Self.device(fixtures), waitsTimeOut: true)
        let error = try #require(throws: CaptureError.self) { try Self.loop(settings: settings).run(faulty) }
        #expect(faulty.reads == 0)
        #expect(
            error.description.hasPrefix(
                "capture device 'gaillery_replay' (from a configuration) delivered no audio for 0.5 s"))
    }

    @Test func cancelledBeforeStartingThrowsCancellation() throws {
        let fixtures = try CaptureFixtures()
        let cancellation = CaptureCancellation()
        cancellation.cancel()
        let capture = AudioCapture(source: .replaying(rawFile: try fixtures.raw([0, 0, 0])))
        #expect(throws: CancellationError.self) { try capture.record(maxSeconds: 1, cancellation: cancellation) }
        let loop = CaptureLoop(settings: CaptureSettings(), maxSeconds: 1, cancellation: cancellation)
        let faulty = FaultyDevice(try Self.device(fixtures))
        #expect(throws: CancellationError.self) { try loop.run(faulty) }
        #expect(faulty.reads == 0)
    }
}
