import Foundation
import Testing

@testable import GailleryAudio

/// Real speech for tests, generated at test time with espeak-ng and converted with sox (both Debian
/// packages; installed in CI). Tests that need them are disabled with a message when either is missing.
enum SpeechFixtures {
    /// Whether espeak-ng and sox are on the PATH.
    static let available = which("espeak-ng") != nil && which("sox") != nil

    /// Why speech tests are skipped, for `.enabled(if:_:)`.
    static let skipReason: Comment = "espeak-ng and sox are needed to generate speech (apt-get install espeak-ng sox)"

    /// `text` spoken by espeak-ng (voice `voice`, `speed` words per minute), as 16 kHz mono 16-bit audio.
    static func speech(_ text: String, voice: String = "en-us", speed: Int = 160) throws -> PCMAudio {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaillery-audio-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let raw = directory.appendingPathComponent("espeak.wav").path
        let converted = directory.appendingPathComponent("16k.wav").path
        try run("espeak-ng", ["-v", voice, "-s", String(speed), "-w", raw, text])
        try run("sox", ["-R", raw, "-r", "16000", "-c", "1", "-b", "16", converted])
        return try WAVReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: converted))))
    }

    /// Runs `tool` with `arguments`, throwing if it fails.
    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try which(tool) ?? { throw FixtureError(tool + " not found") }())
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError("\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
    }

    private static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
}

/// A fixture could not be generated.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
