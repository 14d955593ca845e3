import Foundation
import GailleryAudio
import GailleryCore
import Testing

@testable import GaillerySpeech

/// The pool: concurrent use and grammar swaps.
@Suite(.enabled(if: SpeechClips.available, SpeechClips.skipReason))
struct RecognizerPoolTests {
    @Test func concurrentCallsGiveTheSameResultsAsSequentialOnes() async throws {
        let pool = try RecognizerPool(size: 2, vocabulary: SharedPool.vocabulary)
        let texts = ["show all photos", "close the gallery", "find photos of dogs", "undo"]
        let clips = try texts.map { try SpeechClips.speech($0, voice: "en-us", speed: 160) }
        let sequential = try clips.map { try pool.recognize($0).transcript }
        let concurrent = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, clip) in clips.enumerated() {
                group.addTask { (index, try pool.recognize(clip).transcript) }
            }
            var transcripts = [String](repeating: "", count: clips.count)
            for try await (index, transcript) in group { transcripts[index] = transcript }
            return transcripts
        }
        #expect(concurrent == sequential)
    }

    /// Debian's en-us model under another path (a symbolic link in the temporary directory, which the
    /// caller removes): a model the pool has not loaded.
    static func linkedModel() throws -> SpeechModel {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaillery-model-\(UUID())")
        try FileManager.default.createSymbolicLink(
            at: directory, withDestinationURL: URL(fileURLWithPath: SpeechModel.debianEnUS.acousticModel))
        return SpeechModel(acousticModel: directory.path, dictionary: SpeechModel.debianEnUS.dictionary)
    }

    @Test func aNewConfigurationReplacesEveryRecognizerAndABrokenOneChangesNothing() throws {
        let pool = try RecognizerPool(size: 2, vocabulary: SharedPool.vocabulary)
        let copy = try Self.linkedModel()
        defer { try? FileManager.default.removeItem(atPath: copy.acousticModel) }
        let clip = try SpeechClips.speech("close the gallery", voice: "en-us", speed: 160)

        try pool.reconfigure(.enrolled(copy))
        #expect(pool.model == copy && pool.size == 2)
        #expect(pool.currentConfiguration == .enrolled(copy))
        #expect(try pool.recognize(clip).transcript == "close the gallery")

        let missing = SpeechModel(acousticModel: copy.acousticModel + "-missing", dictionary: copy.dictionary)
        #expect(throws: SpeechError.self) { try pool.reconfigure(.enrolled(missing)) }
        #expect(pool.currentConfiguration == .enrolled(copy))
        #expect(try pool.recognize(clip).transcript == "close the gallery")
    }

    @Test func recognitionsInFlightFinishWhileTheModelIsReplaced() async throws {
        let pool = try RecognizerPool(size: 2, vocabulary: SharedPool.vocabulary)
        let copy = try Self.linkedModel()
        defer { try? FileManager.default.removeItem(atPath: copy.acousticModel) }
        let clip = try SpeechClips.speech("close the gallery", voice: "en-us", speed: 160)
        let intents = try await withThrowingTaskGroup(of: [Intent].self) { group in
            for _ in 0..<3 {
                group.addTask { try (0..<4).map { _ in try pool.recognize(clip).intent.name } }
            }
            group.addTask {
                for model in [copy, .debianEnUS, copy] {
                    var configuration = RecognizerConfiguration()
                    configuration.model = model
                    try pool.reconfigure(configuration)
                }
                return []
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(intents == Array(repeating: .close, count: 12))
        #expect(pool.model == copy && pool.size == 2)
    }

    /// Senone-score directories of processes that have exited (killed while they held recognizers) go
    /// when a pool starts, whoever scores; a live process's directory stays.
    @Test func aNewPoolRemovesDirectoriesOfExitedProcesses() throws {
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        let parent = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let abandoned = (parent as NSString).appendingPathComponent(
            "gaillery-senones-\(exited.processIdentifier)-\(UUID().uuidString)")
        let live = (parent as NSString).appendingPathComponent("gaillery-senones-1-\(UUID().uuidString)")
        for directory in [abandoned, live] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            #expect(FileManager.default.createFile(atPath: directory + "/000000000.sen", contents: Data([1, 2, 3])))
        }
        defer { try? FileManager.default.removeItem(atPath: live) }

        let pool = try RecognizerPool(size: 1, vocabulary: ["dog"])
        #expect(pool.scoringFallback == nil)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: live + "/000000000.sen"))
    }

    @Test func vocabularySwapReachesEveryRecognizer() throws {
        let pool = try RecognizerPool(size: 2, vocabulary: ["dog"])
        let before = pool.currentGrammar
        let after = pool.setVocabulary(["cat", "szechuanese"])
        #expect(after.tags == [try TagName("cat")])
        #expect(after.dropped.map(\.phrase) == ["szechuanese"])
        #expect(pool.currentGrammar.token === after.token && before.token !== after.token)
        try pool.prepareAll()
        let clip = try SpeechClips.speech("find photos of dogs", voice: "en-us", speed: 160)
        for _ in 0..<pool.size {
            let result = try pool.recognize(clip)
            #expect(!result.slots.tags.contains(try TagName("dog")))
        }
    }

    @Test func tryRecognizeSaysBusyInsteadOfWaiting() throws {
        let pool = try RecognizerPool(size: 1, vocabulary: ["dog"])
        #expect(try pool.tryRecognize(PCMAudio(samples: [], sampleRate: 16_000))?.reason == "no speech")
    }
}
