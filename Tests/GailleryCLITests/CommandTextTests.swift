import GailleryProtocol
import Testing

@testable import gaillery

/// `gaillery say`, `listen` and `ask` output.
@Suite struct CommandTextTests {
    @Test func aSpokenSearchSaysWhatWasHeardAndDone() {
        let result = CommandResult(
            transcript: "show me photos of cats", intent: .init(name: "search", confidence: 0.89),
            slots: .init(tags: ["cat"]),
            result: CommandOutcome(
                message: "showing photo 1 of 60", count: 60, current: 7, position: 1, photos: [7, 3]),
            speech: nil, timingsMs: .init(features: 9.8, decode: 41.2, total: 54), reason: nil)
        #expect(
            CommandText.render(result, spoken: true, colour: false) == """
                heard    "show me photos of cats"
                intent   search cat (confidence 0.89)
                did      showing photo 1 of 60
                showing  photo 7 (1 of 60)
                photos   7 3 … (60 in all)
                time     54.0 ms (features 9.8, decode 41.2)
                """)
    }

    @Test func moonshineSaysWhatItHeardAndWhichCommandThatWas() {
        let result = CommandResult(
            transcript: "next", intent: .init(name: "none", confidence: 0.2), slots: .init(), result: nil,
            speech: nil, timingsMs: .init(features: 1.5, decode: 98.5, total: 101),
            reason: "not a command: heard \"Next Tuesday works.\", longer than any command it resembles",
            heard: "Next Tuesday works.")
        #expect(
            CommandText.render(result, spoken: true, colour: false) == """
                heard    "Next Tuesday works."
                command  "next"
                intent   none (confidence 0.20)
                reason   not a command: heard "Next Tuesday works.", longer than any command it resembles
                time     101.0 ms (features 1.5, decode 98.5)
                """)
    }

    @Test func aTypedCommandThatWasNotUnderstoodGivesTheReason() {
        let result = CommandResult(
            transcript: "hello", intent: .init(name: "none", confidence: 0), slots: .init(), result: nil, speech: nil,
            timingsMs: .init(features: 0, decode: 0, total: 0.2), reason: "not a command: \"hello\"")
        #expect(
            CommandText.render(result, spoken: false, colour: false) == """
                command  "hello"
                intent   none
                reason   not a command: "hello"
                """)
    }

    @Test func deleteNamesThePhotoAndHowToUndo() {
        let result = CommandResult(
            transcript: "delete this photo", intent: .init(name: "delete", confidence: 1), slots: .init(),
            result: CommandOutcome(message: "photo 7 moved to the trash", count: 0, trashed: 7), speech: nil,
            timingsMs: .init(features: 0, decode: 0, total: 1), reason: nil)
        #expect(
            CommandText.render(result, spoken: false, colour: false).hasSuffix(
                "trashed  photo 7 (`gaillery ask undo` restores it)"))
    }
}
