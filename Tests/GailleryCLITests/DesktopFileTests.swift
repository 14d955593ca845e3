import Foundation
import GailleryProtocol
import Testing

@testable import gaillery

/// `contrib/desktop/io.github.gaillery.desktop`: valid to desktop-file-validate once installed (@bindir@
/// replaced), and every Exec line a command this CLI parses.
@Suite struct DesktopFileTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("contrib/desktop/io.github.gaillery.desktop")

    /// The file as `make install` writes it, with gaillery in /usr/local/bin.
    static func installed() throws -> String {
        try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "@bindir@", with: "/usr/local/bin")
    }

    @Test func desktopFileValidateAcceptsIt() throws {
        let validator = "/usr/bin/desktop-file-validate"
        try #require(
            FileManager.default.isExecutableFile(atPath: validator), "desktop-file-utils is missing; run make deps")
        let path = NSTemporaryDirectory() + "io.github.gaillery-\(UUID().uuidString.prefix(8)).desktop"
        try Self.installed().write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: validator)
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text.isEmpty, "\(text)")
    }

    @Test func everyExecIsACommandThisCLIParses() throws {
        let execs = try Self.installed().split(separator: "\n").filter { $0.hasPrefix("Exec=") }
        #expect(execs.count == 3, "the gallery and its two actions")
        for exec in execs {
            let words = exec.dropFirst("Exec=".count).split(separator: " ").map(String.init)
            #expect(words.first == "/usr/local/bin/gaillery")
            #expect(throws: Never.self, "\(exec)") { _ = try Gaillery.parseAsRoot(Array(words.dropFirst())) }
        }
        // The application itself opens the web gallery.
        #expect(execs.first == "Exec=/usr/local/bin/gaillery open")
    }
}
