import Foundation
import GailleryAudio
import Testing
import GailleryTestSupport

@testable import GaillerySpeech

/// Speech, noise and silence for tests, generated at test time: speech with espeak-ng and sox (Debian
/// packages espeak-ng and sox), noise from a fixed-seed generator. Tests that need them are disabled
/// with a message when the tools or the pocketsphinx en-us model are missing.
enum SpeechClips {
    /// Whether espeak-ng, sox and the pocketsphinx en-us model are installed.
    static let available = modelInstalled && (try? shell("command -v espeak-ng && command -v sox", [])) != nil

    /// Whether the pocketsphinx en-us model files are installed.
    static let modelInstalled = (try? SpeechModel.debianEnUS.check()) != nil

    /// Why speech tests are skipped, for `.enabled(if:_:)`.
    static let skipReason: Comment =
        "needs espeak-ng, sox and pocketsphinx-en-us (apt-get install espeak-ng sox pocketsphinx-en-us)"

    /// `text` spoken by espeak-ng (`voice`, `speed` words per minute) at 16 kHz, with 0.3 s of silence
    /// around it and, when `snr` is given, white noise at that signal-to-noise ratio (dB, over the speech).
    static func speech(_ text: String, voice: String, speed: Int, snr: Double? = nil) throws -> PCMAudio {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gaillery-speech-\(UUID()).wav").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try shell(Espeak.script, Espeak.arguments(text, voice: voice, speed: speed, path: path))
        var audio = try WAVReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        if let snr { addNoise(to: &audio.samples, snr: snr, seed: UInt64(text.utf8.count * 7919 + speed)) }
        return audio
    }

    /// `seconds` of white noise with RMS `level` (full scale 1), or a 100 Hz hum pulsing twice a second.
    static func noise(seconds: Double, level: Float, hum: Bool = false, seed: UInt64 = 1) -> PCMAudio {
        let count = Int(seconds * 16_000)
        var generator = NoiseGenerator(seed: seed)
        let samples = (0..<count).map { index -> Float in
            guard hum else { return generator.gaussian() * level }
            let time = Float(index) / 16_000
            return sin(2 * .pi * 100 * time) * level * (sin(2 * .pi * 2 * time) > 0 ? 1.4 : 0)
        }
        return PCMAudio(samples: samples, sampleRate: 16_000)
    }

    /// Adds white noise at `snr` dB below the power of the louder (speech) samples.
    static func addNoise(to samples: inout [Float], snr: Double, seed: UInt64) {
        let peak = samples.map(abs).max() ?? 0
        let speech = samples.filter { abs($0) > 0.02 * peak }
        guard !speech.isEmpty else { return }
        let power = speech.reduce(0) { $0 + Double($1) * Double($1) } / Double(speech.count)
        let level = Float((power / pow(10, snr / 10)).squareRoot())
        var generator = NoiseGenerator(seed: seed)
        for index in samples.indices { samples[index] += generator.gaussian() * level }
    }

    /// Runs `script` with bash, `arguments` as $1, $2, ...; throws `ClipError` when it fails.
    private static func shell(_ script: String, _ arguments: [String]) throws {
        do { try Shell.run(script, arguments) } catch { throw ClipError("\(error)") }
    }
}

/// A fixed-seed Gaussian noise source (xorshift64* and Box–Muller), so clips are the same every run.
struct NoiseGenerator {
    private var state: UInt64

    /// A generator with `seed` (any value; 0 is replaced).
    init(seed: UInt64) { state = seed == 0 ? 0x2545_F491 : seed }

    /// A uniform value in (0, 1).
    mutating func uniform() -> Float {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return (Float((state &* 0x2545_F491_4F6C_DD1D) >> 40) + 0.5) / Float(1 << 24)
    }

    /// A standard normal value.
    mutating func gaussian() -> Float {
        (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform())
    }
}

/// A fixture could not be generated.
struct ClipError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
