import Foundation
import Testing

@testable import GailleryAudio

/// Devices that cannot be opened and invalid requests give errors that say what to do.
@Suite struct CaptureErrorTests {
    /// Runs a short capture from `source` and returns the `CaptureError` it must throw.
    static func error(from source: CaptureSource, maxSeconds: Double = 1) throws -> CaptureError {
        try #require(throws: CaptureError.self) { try AudioCapture(source: source).record(maxSeconds: maxSeconds) }
    }

    @Test func missingDeviceNamesItAndSaysWhatToDo() throws {
        let error = try Self.error(from: .device("gaillery-no-such-pcm"))
        #expect(error.isDeviceUnavailable && !error.isInvalidRequest)
        #expect(
            error.description == "no capture device 'gaillery-no-such-pcm': No such file or directory "
                + "(ALSA: Unknown PCM gaillery-no-such-pcm); plug in a microphone or pass device")
    }

    /// On a machine without sound cards (like the CI container) the default device names the cause.
    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/dev/snd"), "this machine has sound devices"))
    func defaultDeviceWithoutSoundCards() throws {
        let error = try Self.error(from: .defaultDevice)
        #expect(error.isDeviceUnavailable)
        #expect(
            error.description == "no capture device 'default': No such file or directory "
                + "(ALSA: cannot find card '0'); plug in a microphone or pass device")
    }

    @Test func configurationWithoutThatPCMIsAMissingDevice() throws {
        let error = try Self.error(from: .configuration(text: "pcm.other { type null }", pcmName: "mic"))
        #expect(error.isDeviceUnavailable)
        #expect(
            error.description.hasPrefix("no capture device 'mic' (from a configuration): No such file or directory"))
    }

    @Test func unparsableConfigurationIsTheCallersFault() throws {
        let error = try Self.error(from: .configuration(text: "pcm.mic { type file", pcmName: "mic"))
        #expect(error.isInvalidRequest && !error.isDeviceUnavailable)
        #expect(error.description.hasPrefix("capture configuration cannot be parsed: "), "\(error)")
    }

    @Test func missingInputFileIsAMissingDevice() throws {
        let fixtures = try CaptureFixtures()
        let path = fixtures.directory.appendingPathComponent("absent.raw").path
        let error = try Self.error(from: .replaying(rawFile: path))
        #expect(error.isDeviceUnavailable && error.description.contains("No such file or directory"))
    }

    @Test(arguments: [0, -1, 30.5, .infinity, .nan])
    func maxSecondsOutsideTheLimitIsRefused(seconds: Double) throws {
        let error = try Self.error(from: .device("gaillery-no-such-pcm"), maxSeconds: seconds)
        #expect(error.isInvalidRequest)
        #expect(error.description.hasPrefix("max_seconds must be more than 0 and at most 30 s, got "))
    }

    @Test func pathsNeedingEscapesSurviveTheConfiguration() throws {
        let fixtures = try CaptureFixtures()
        let tone = Signals.tone(440, rate: 16_000, seconds: 0.1, amplitude: 0.5)
        let odd = fixtures.directory.appendingPathComponent("a \"quoted\" \\ name.raw").path
        try FileManager.default.moveItem(atPath: try fixtures.raw(tone), toPath: odd)
        let captured = try AudioCapture(source: .replaying(rawFile: odd)).record(maxSeconds: 0.5)
        #expect(captured.audio.samples.prefix(1_600)[...] == (try CaptureFixtures.samples(of: odd))[...])
        #expect(captured.audio.samples.count == 8_000)
    }
}
