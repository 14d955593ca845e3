import Foundation
import Testing

@testable import GailleryAudio

/// Raw S16_LE files for the file-backed ALSA PCM (`CaptureSource.replaying(rawFile:)`), made at test time
/// in a private temporary directory that is removed on deinit.
final class CaptureFixtures {
    /// The directory holding this fixture's files.
    let directory: URL

    /// A fresh temporary directory.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaillery-capture-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// `text` spoken by espeak-ng, converted by sox to headerless S16_LE at `rate` Hz with `channels`
    /// channels and padded with `before`/`after` seconds of digital silence. Returns the file's path.
    func speech(
        _ text: String, rate: Int = 16_000, channels: Int = 1, before: Double = 0.5, after: Double = 1.5
    ) throws -> String {
        let wav = directory.appendingPathComponent("espeak-\(UUID()).wav").path
        let raw = directory.appendingPathComponent("speech-\(UUID()).raw").path
        try SpeechFixtures.run("espeak-ng", ["-v", "en-us", "-w", wav, text])
        try SpeechFixtures.run(
            "sox",
            [
                "-R", wav, "-r", String(rate), "-c", String(channels), "-b", "16", "-e", "signed-integer", "-t", "raw",
                raw,
            ]
                + ["pad", String(before), String(after)])
        return raw
    }

    /// Where the 16 kHz mono file at `path` is louder than −40 dBFS: first to last such sample, in seconds.
    static func loudSpan(of path: String) throws -> ClosedRange<Double> {
        let samples = try samples(of: path)
        let first = try #require(samples.firstIndex { abs($0) > 0.01 })
        let last = try #require(samples.lastIndex { abs($0) > 0.01 })
        return Double(first) / 16_000...Double(last + 1) / 16_000
    }

    /// Writes `samples` (mono, −1…1) as S16_LE and returns the path.
    func raw(_ samples: [Float]) throws -> String {
        let path = directory.appendingPathComponent("signal-\(UUID()).raw").path
        var bytes: [UInt8] = []
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples {
            let value = UInt16(bitPattern: Int16((max(-1, min(1, sample)) * 32767).rounded()))
            bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The mono samples of the S16_LE file at `path` (`channels` averaged), as capture would return them.
    static func samples(of path: String, rate: Int = 16_000, channels: Int = 1) throws -> [Float] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let limits = AudioLimits(maxDuration: 3_600)
        return try RawPCMReader.readS16LE(bytes, sampleRate: rate, channels: channels, limits: limits).samples
    }

    /// Settings asking the device for `rate` Hz and `channels` channels.
    static func settings(rate: Int = 16_000, channels: Int = 1) -> CaptureSettings {
        var settings = CaptureSettings()
        settings.requestedRate = rate
        settings.requestedChannels = channels
        return settings
    }
}

/// A real capture device with faults injected: chosen reads (by index from 0) return an error code
/// instead of audio, and waits may be forced to time out.
final class FaultyDevice: CaptureDevice {
    private let base: ALSACapturePCM
    private let faults: [Int: Int]
    private let waitsTimeOut: Bool
    /// Reads attempted so far.
    private(set) var reads = 0
    /// Recoveries attempted so far.
    private(set) var recoveries = 0

    /// Wraps `base`; read `n` returns `faults[n]` when present; `waitsTimeOut` makes every wait time out.
    init(_ base: ALSACapturePCM, faults: [Int: Int] = [:], waitsTimeOut: Bool = false) {
        self.base = base
        self.faults = faults
        self.waitsTimeOut = waitsTimeOut
    }

    var source: CaptureSource { base.source }
    var rate: Int { base.rate }
    var channels: Int { base.channels }
    var periodFrames: Int { base.periodFrames }

    func wait(milliseconds: Int32) -> Int { waitsTimeOut ? 0 : base.wait(milliseconds: milliseconds) }

    func read(into buffer: UnsafeMutablePointer<Int16>, frames: Int) -> Int {
        defer { reads += 1 }
        return faults[reads] ?? base.read(into: buffer, frames: frames)
    }

    func recover(from code: Int) -> Int {
        recoveries += 1
        return base.recover(from: code)
    }
}
