import Foundation
import GailleryCore
import Testing

@testable import GaillerySpeech

/// The rejection measurements on hand-made best paths, the linear score, and the senone dump directory.
@Suite struct RecognitionEvidenceTests {
    /// A grammar path "go back" (frames 0–19 and 20–59) against a loop of phones.
    static func paths(backScore: Double, loopPhones: Int) -> (SphinxHypothesis, SphinxHypothesis) {
        let command = SphinxHypothesis(
            text: "go back", score: -240, frames: 60,
            segments: [
                SphinxSegment(word: "go", frames: 0...19, acousticScore: -40),
                SphinxSegment(word: "back", frames: 20...59, acousticScore: backScore),
            ])
        let width = 40 / loopPhones
        var phones = [SphinxSegment(word: "phone_g", frames: 0...9, acousticScore: -20)]
        phones.append(SphinxSegment(word: "phone_ow", frames: 10...19, acousticScore: -20))
        for index in 0..<loopPhones {
            let start = 20 + index * width
            let end = index == loopPhones - 1 ? 59 : start + width - 1
            phones.append(SphinxSegment(word: "phone_b", frames: start...end, acousticScore: -80 / Double(loopPhones)))
        }
        return (command, SphinxHypothesis(text: "", score: -120, frames: 60, segments: phones))
    }

    @Test func measuresMarginsAgainstTheLoop() {
        let (command, loop) = Self.paths(backScore: -200, loopPhones: 3)
        let evidence = RecognitionEvidence(command: command, loop: loop) { $0 == "go" ? 2 : 3 }
        #expect(evidence.margin == -2)  // (-240 + 120) / 60
        #expect(evidence.weakestWord == "back" && evidence.weakestWordMargin == -3)  // (-200 + 80) / 40
        #expect(abs(evidence.weakestWindowMargin + 2) < 1e-9)  // one window: (-240 + 120) / 60
        #expect(evidence.phoneCountMismatch == 0)
        #expect(evidence.longestWordStretch == 40.0 / 3)
        #expect(evidence.rateSpread == 1)
        #expect(evidence.pathScore == -4 && evidence.loopScore == -2)
    }

    @Test func notesAWordSpreadOverMoreSoundsThanItHas() {
        let (command, loop) = Self.paths(backScore: -200, loopPhones: 8)
        let evidence = RecognitionEvidence(command: command, loop: loop) { $0 == "go" ? 2 : 3 }
        #expect(abs(evidence.phoneCountMismatch - log(8.5 / 3.5)) < 1e-9)
    }

    @Test func scoreIsLinearInTheMeasurements() {
        let (command, loop) = Self.paths(backScore: -200, loopPhones: 3)
        let evidence = RecognitionEvidence(command: command, loop: loop) { $0 == "go" ? 2 : 3 }
        let model = RejectionModel(
            bias: 1, margin: 2, weakestWordMargin: 0, weakestWindowMargin: 0, phoneCountMismatch: 0, rateSpread: 0,
            pathScore: 0, loopScore: 0.5)
        let expected: Double = 1 + 2 * -2 + 0.5 * -2
        #expect(model.score(evidence) == expected)
        let worse = RecognitionEvidence(command: Self.paths(backScore: -300, loopPhones: 3).0, loop: loop) { _ in 3 }
        #expect(RejectionModel.fitted.score(worse) < RejectionModel.fitted.score(evidence))
    }

    @Test func senoneDumpIsPrivateAndCleared() throws {
        let dump = try SenoneDump()
        let attributes = try FileManager.default.attributesOfItem(atPath: dump.directory)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        #expect(throws: SpeechError.self) { try dump.latest() }
        for name in ["000000001.sen", "000000002.sen"] {
            #expect(FileManager.default.createFile(atPath: dump.directory + "/" + name, contents: Data([1])))
        }
        #expect(try dump.latest() == dump.directory + "/000000002.sen")
        #expect(!FileManager.default.fileExists(atPath: dump.directory + "/000000001.sen"))
        dump.clear()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dump.directory).isEmpty)
    }

    @Test func aRepeatedTagIsUncertain() throws {
        let dog = try TagName("dog")
        let phrases = ["dog": dog, "dogs": dog, "salt and pepper": try TagName("salt and pepper")]
        let parser = IntentParser(phrases: phrases)
        let twice = "show me photos of dogs and dog"
        #expect(Recognizer.repeatsTag(parser.parse(text: twice), transcript: twice, phrases: phrases))
        let phrase = "show me photos of salt and pepper"
        #expect(!Recognizer.repeatsTag(parser.parse(text: phrase), transcript: phrase, phrases: phrases))
        #expect(!Recognizer.repeatsTag(parser.parse(text: "undo"), transcript: "undo", phrases: phrases))
    }
}
