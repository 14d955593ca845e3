import ArgumentParser
import Foundation
import GailleryProtocol
import Testing

@testable import gaillery

/// `gaillery enroll`: finding the recordings in a directory, and the output.
@Suite struct EnrollmentFolderTests {
    /// A fresh directory holding `files` (name → contents), removed after `body`.
    private func withDirectory(_ files: [String: String], _ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("enroll-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, contents) in files {
            try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
        }
        try body(directory.path)
    }

    private func usageMessage(_ body: () throws -> Void) throws -> String {
        let error = try #require(throws: CLIError.self, performing: body)
        #expect(error.exitStatus == 64)
        return error.description
    }

    @Test func numberedWAVFilesAreFoundInNumberOrder() throws {
        let names = ["10.wav", "notes.txt", "01.wav", "2.WAV", "a3.wav", "04.wav.bak", "transcript.txt"]
        let files = try EnrollmentFolder.numberedFiles(names, in: "/home/me/voice")
        #expect(files.map(\.number) == [1, 2, 10])
        #expect(files.map(\.path) == ["/home/me/voice/01.wav", "/home/me/voice/2.WAV", "/home/me/voice/10.wav"])
    }

    @Test func twoFilesForOnePromptAreRefused() throws {
        let message = try usageMessage { _ = try EnrollmentFolder.numberedFiles(["01.wav", "1.wav"], in: "/v") }
        #expect(message == "01.wav and 1.wav are both recording 1; keep one")
        #expect(try usageMessage { _ = try EnrollmentFolder.numberedFiles(["00.wav"], in: "/v") }.contains("from 1"))
    }

    @Test func numberedFilesReadTheirPrompts() throws {
        let files = try EnrollmentFolder.numberedFiles(["02.wav", "1.wav"], in: "/v")
        #expect(
            try EnrollmentFolder.recordings(files, prompts: ["first one", "second one"]) == [
                .init(text: "first one", path: "/v/1.wav"), .init(text: "second one", path: "/v/02.wav"),
            ])
        let message = try usageMessage { _ = try EnrollmentFolder.recordings(files, prompts: ["only one"]) }
        #expect(message.hasPrefix("02.wav: there is no prompt 2 (there are 1;"))
    }

    @Test func transcriptLinesResolveAgainstTheDirectory() throws {
        let text = "# my voice\r\nsub/a.wav\tthe old wagon\r\n\n/abs/b.wav\t  a cold wind \n../c.wav\tsay\tit\n"
        #expect(
            try EnrollmentFolder.parseTranscript(text, directory: "/home/me/voice", shownAs: "t") == [
                .init(text: "the old wagon", path: "/home/me/voice/sub/a.wav"),
                .init(text: "a cold wind", path: "/abs/b.wav"),
                .init(text: "say\tit", path: "/home/me/c.wav"),
            ])
    }

    @Test(arguments: ["a.wav the old wagon", "a.wav\t ", "\tthe old wagon"])
    func malformedTranscriptLinesNameTheLine(line: String) throws {
        let message = try usageMessage {
            _ = try EnrollmentFolder.parseTranscript("a.wav\tfine\n" + line, directory: "/v", shownAs: "v/t.tsv")
        }
        #expect(message.hasPrefix("v/t.tsv line 2: expected FILE<TAB>sentence"))
    }

    @Test func theTranscriptTakesPrecedenceOverNumberedFiles() throws {
        try withDirectory(["01.wav": "", "02.wav": "", "transcript.tsv": "x.wav\tthe old wagon\n"]) { directory in
            let contents = try EnrollmentFolder.scan(directory)
            #expect(contents == .transcript([.init(text: "the old wagon", path: directory + "/x.wav")]))
        }
        try withDirectory(["02.wav": "", "1.wav": "", "readme.md": ""]) { directory in
            guard case .numbered(let files) = try EnrollmentFolder.scan(directory) else {
                Issue.record("expected numbered files")
                return
            }
            #expect(files.map(\.name) == ["1.wav", "02.wav"])
        }
    }

    @Test func aDirectoryWithoutRecordingsIsAUsageError() throws {
        try withDirectory(["notes.txt": "hello"]) { directory in
            let message = try usageMessage { _ = try EnrollmentFolder.scan(directory) }
            #expect(message.contains("holds no recordings"))
        }
        try withDirectory(["transcript.tsv": "# nothing yet\n"]) { directory in
            let message = try usageMessage { _ = try EnrollmentFolder.scan(directory) }
            #expect(message.contains("lists no recordings"))
        }
        let missing = "/nonexistent-\(UUID().uuidString)"
        #expect(try usageMessage { _ = try EnrollmentFolder.scan(missing) }.contains("is not a directory"))
    }

    @Test(arguments: [
        ["enroll"], ["enroll", "--prompts", "--forget"], ["enroll", "--forget", "voice"],
        ["enroll", "--record"], ["enroll", "--record", "--prompts", "voice"], ["enroll", "--record", "--forget"],
        ["enroll", "--count", "12", "voice"], ["enroll", "--record", "--count", "0", "voice"],
    ])
    func exactlyOneModeIsAllowed(arguments: [String]) throws {
        let error = try #require(throws: (any Error).self) { _ = try Gaillery.parseAsRoot(arguments) }
        #expect(Gaillery.exitCode(for: error).rawValue == 64)
    }
}

/// `gaillery enroll --record`: how many prompts, file names, and what may already be in the directory.
@Suite struct EnrollmentRecordingTests {
    static let available = VoicePrompts.Result(prompts: (1...30).map { "sentence \($0)" }, minimum: 10, maximum: 100)

    @Test func recordParsesWithADirectoryAndACount() throws {
        let command = try #require(
            try Gaillery.parseAsRoot(["enroll", "--record", "voice", "--count", "12"]) as? EnrollCommand)
        #expect(command.record && command.dir == "voice" && command.count == 12)
    }

    @Test func filesAreNamedByTwoDigitNumbers() {
        #expect([1, 9, 10, 30].map(EnrollmentRecording.fileName) == ["01.wav", "09.wav", "10.wav", "30.wav"])
    }

    @Test func theCountIsBetweenTheMinimumAndTheNumberOfPrompts() throws {
        #expect(try EnrollmentRecording.count(nil, Self.available) == 20)
        #expect(try EnrollmentRecording.count(30, Self.available) == 30)
        #expect(try EnrollmentRecording.count(10, Self.available) == 10)
        let few = VoicePrompts.Result(prompts: ["a", "b", "c"], minimum: 2, maximum: 100)
        #expect(try EnrollmentRecording.count(nil, few) == 3)
        for count in [9, 31] {
            let error = try #require(throws: CLIError.self) { try EnrollmentRecording.count(count, Self.available) }
            #expect(error.description == "--count must be between 10 and 30")
        }
    }

    @Test func recordingsItReplacesAndOtherFilesAreAllowed() throws {
        try EnrollmentRecording.checkOthers(["01.wav", "12.wav", "notes.txt", "a.wav"], count: 12, shownAs: "v")
    }

    @Test(arguments: [(["13.wav"], "13.wav"), (["1.wav", "02.wav"], "1.wav"), (["transcript.tsv"], "transcript")])
    func otherRecordingsAreRefused(names: [String], named: String) throws {
        let error = try #require(throws: CLIError.self) {
            try EnrollmentRecording.checkOthers(names, count: 12, shownAs: "v")
        }
        #expect(error.exitStatus == 64)
        #expect(error.description.hasPrefix("v ") && error.description.contains(named))
    }
}

@Suite struct EnrollTextTests {
    @Test func promptsAreNumberedFromOneAndAligned() {
        let prompts = (1...10).map { "sentence \($0)" }
        let lines = EnrollText.prompts(prompts).split(separator: "\n")
        #expect(lines.first == " 1  sentence 1" && lines.last == "10  sentence 10" && lines.count == 10)
    }

    @Test func summaryNamesTheIgnoredFiles() {
        let result = VoiceEnroll.Result(
            recordings: 2, ignored: [2], speechSeconds: 7.31, fit: .init(before: -183.71, after: -152.94),
            timingsMs: .init(
                read: 52.1, features: 702.4, statistics: 1890.6, map: 262.3, check: 874.9, install: 21.7,
                reload: 311.2, total: 4118.5))
        #expect(
            EnrollText.summary(result, names: ["01.wav", "02.wav", "03.wav"]) == """
                enrolled  2 recordings, 7.3 s of speech
                ignored   02.wav (did not match its sentence)
                fit       -183.71 → -152.94 (log-likelihood per frame)
                time      4.1 s (read 0.05, features 0.70, statistics 1.89, map 0.26, check 0.87, install 0.02, \
                reload 0.31)
                """)
    }
}
