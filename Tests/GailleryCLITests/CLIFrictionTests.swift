import GailleryProtocol
import Testing

@testable import gaillery

/// What a new user tripped over: daemon errors that spoke of RPC methods and `params.x`, a tag printed
/// twice, and how rofi's calls and menu choices are read.
@Suite struct CLIFrictionTests {
    @Test(
        arguments: [
            (
                "photos.search: params.min_confidence must be between 0 and 1, got 2",
                "--min-confidence must be between 0 and 1, got 2"
            ),
            (
                "photos.get: params.id must be a positive photo id, got 0",
                "the photo id must be a positive photo id, got 0"
            ),
            (
                "photos.list: params.limit must be an integer from 1 to 1000; got 0",
                "--limit must be an integer from 1 to 1000; got 0"
            ),
            ("voice.listen: params.maxSeconds must be more", "--max-seconds must be more"),
            ("photos.import: params.dir must be an absolute path", "the directory must be an absolute path"),
            ("photo 4 not found", "photo 4 not found"),
            ("see: the log", "see: the log"),
            ("photos.search failed inside the daemon: x", "photos.search failed inside the daemon: x"),
        ])
    func daemonErrorsSpeakTheCLIsWords(message: String, expected: String) {
        #expect(CLIError.userMessage(RPCError(.invalidParams, message)) == expected)
    }

    @Test func aTagGivenByHandAndFoundByTheModelIsOneLine() {
        let lines = ConfidenceBar.lines([
            PhotoTag(tag: "dog", confidence: 1, source: "manual"),
            PhotoTag(tag: "dog", confidence: 0.82, source: "model"),
            PhotoTag(tag: "sea", confidence: 0.4, source: "model"),
        ])
        #expect(lines == ["dog  ██████████ 1.00  (manual; model 0.82)", "sea  ████░░░░░░ 0.40  (model)"])
    }

    @Test func rofiCallsAreReadFromItsEnvironment() {
        #expect(RofiCall(environment: [:], text: "").action == .start)
        #expect(RofiCall(environment: ["ROFI_RETV": "0"], text: "").action == .start)
        #expect(RofiCall(environment: ["ROFI_RETV": "2"], text: "cat 2024").action == .typed("cat 2024"))
        #expect(
            RofiCall(environment: ["ROFI_RETV": "1", "ROFI_INFO": "42"], text: "a.jpg · 2024").action == .chose(id: 42))
        #expect(RofiCall(environment: ["ROFI_RETV": "1"], text: "dogs").action == .typed("dogs"))
        #expect(RofiCall(environment: ["ROFI_RETV": "10"], text: "x").action == .start)
    }

    @Test func rofiRowsKeepTheirSeparatorsOutOfNames() {
        #expect(RofiScript.clean("a\nb\0c\u{1F}d") == "a b c d")
        #expect(RofiScript.note("none") == "none\0nonselectable\u{1F}true\n")
        #expect(RofiScript.option("message", "a <b> & c") == "\0message\u{1F}a &lt;b&gt; &amp; c\n")
    }

    @Test func aMenuChoiceNamesItsPhotoByTheLeadingID() {
        #expect(PickRows.id(of: "42  beach.jpg · 2024-06-01 · dog") == 42)
        #expect(PickRows.id(of: "dog") == nil)
    }
}
