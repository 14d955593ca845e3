import Foundation
import GaillerySpeech
import Testing

@testable import GailleryAdaptation

/// The files handed to SphinxTrain: feature files, mixture weights expanded from the sendump, bw's log.
struct SphinxTrainFilesTests {
    @Test func featureFilesCountValuesAndAreBigEndian() {
        let bytes = SphinxTrainFiles.mfc([[1, -2], [0.5, 3]])
        #expect(bytes.count == 4 + 4 * 4)
        #expect(Array(bytes[0..<4]) == [0, 0, 0, 4])
        #expect(Array(bytes[4..<8]) == [0x3F, 0x80, 0, 0])  // 1.0
        #expect(Array(bytes[8..<12]) == [0xC0, 0, 0, 0])  // -2.0
    }

    @Test func s3FilesAlignTheirDataAndStateTheirShape() {
        let bytes = SphinxTrainFiles.s3Array([1, 2, 3, 4, 5, 6], dimensions: (1, 2, 3))
        let header = String(decoding: bytes.prefix(while: { $0 != 0x44 }), as: UTF8.self)
        #expect(header.hasPrefix("s3\nversion 1.0\n") && header.hasSuffix("endhdr\n"))
        let start = header.utf8.count
        #expect(start % 4 == 0)
        let words = stride(from: start, to: bytes.count, by: 4).map { offset in
            bytes[offset..<(offset + 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
        }
        #expect(Array(words.prefix(5)) == [0x1122_3344, 1, 2, 3, 6])
        #expect(words.dropFirst(5).map { Float(bitPattern: $0) } == [1, 2, 3, 4, 5, 6])
    }

    @Test(.enabled(if: (try? SpeechModel.debianEnUS.check()) != nil, "needs pocketsphinx-en-us"))
    func debiansSendumpExpandsToNormalisedWeights() throws {
        let weights = try MixtureWeights(sendump: SpeechModel.debianEnUS.acousticModel + "/sendump")
        #expect(weights.senones == 5126 && weights.streams == 3 && weights.codewords == 128)
        for senone in [0, 1000, 5125] {
            for stream in 0..<3 {
                let start = (senone * 3 + stream) * 128
                let row = weights.values[start..<(start + 128)]
                #expect(abs(row.reduce(0, +) - 1) < 1e-4)
                #expect(row.max()! > 0.01)
            }
        }
    }

    @Test(.enabled(if: (try? SpeechModel.debianEnUS.check()) != nil, "needs pocketsphinx-en-us"))
    func aTruncatedSendumpIsRefusedWithWhatToDo() throws {
        let bytes = [UInt8](
            try Data(contentsOf: URL(fileURLWithPath: SpeechModel.debianEnUS.acousticModel + "/sendump")))
        for cut in [2, 300, bytes.count - 1] {
            #expect {
                try MixtureWeights(sendump: Array(bytes.prefix(cut)), path: "sendump")
            } throws: { error in
                let error = error as? AdaptationError
                return error?.kind == .model && error!.description.contains("reinstall pocketsphinx-en-us")
            }
        }
    }

    @Test func bwsLogGivesTheAlignedRecordingsAndTheFit() throws {
        let log = """
            utt>     0                      r000  297    0   144 31  9 9 1.99e-102 -1.85e+02 -5.51e+04 utt 0.018x
            ERROR: "backward.c", line 421: Failed to align audio to trancript: final state of the search is not reached
            ERROR: "baum_welch.c", line 324: r001 ignored
            overall> stats 9250 (-0) -1.828722e+02 -1.691568e+06 0.013x 1.000e
            """
        let statistics = try SpeakerAdapter.statistics(log: log, ids: ["r000", "r001", "r002"])
        #expect(statistics.used == ["r000", "r002"])
        #expect(statistics.fit == -182.8722)
        #expect(throws: AdaptationError.self) { try SpeakerAdapter.statistics(log: "utt> nothing", ids: ["r000"]) }
    }

    @Test func sentencesAreSplitIntoDictionaryWords() {
        #expect(
            SpeakerAdapter.words("The old wagon, rolled... slowly!") == ["the", "old", "wagon", "rolled", "slowly"])
        #expect(SpeakerAdapter.words("don't  stop\tnow") == ["don't", "stop", "now"])
    }
}
