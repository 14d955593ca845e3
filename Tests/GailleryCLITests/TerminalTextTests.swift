import GailleryProtocol
import Testing

@testable import gaillery

/// Names, tags, transcripts and messages from the daemon never reach the terminal as control sequences.
@Suite struct TerminalTextTests {
    /// The name of a file that, printed raw, sets the window title, hides text and clears the screen.
    static let hostile = "\u{1B}]0;OWNED\u{07}\u{1B}[8m\u{1B}[2Jx.jpg"

    /// Whether `text` holds a control or bidi character other than a newline and `Style`'s own colours.
    static func isSafe(_ text: String) -> Bool {
        let withoutStyles = text.replacing(/\u{1B}\[(0|1|2|31|32|33)m/, with: "")
        return !withoutStyles.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) }
    }

    @Test(arguments: [
        (hostile, #"\x1b]0;OWNED\x07\x1b[8m\x1b[2Jx.jpg"#),
        ("a\u{9B}2Jb", #"a\x9b2Jb"#),
        ("tab\there\nnew", #"tab\x09here\x0anew"#),
        ("del\u{7F}", #"del\x7f"#),
        ("photo\u{202E}gpj.exe", #"photo\u{202E}gpj.exe"#),
        ("\u{2066}x\u{2069}", #"\u{2066}x\u{2069}"#),
        ("plage d’été 🏖.jpg", "plage d’été 🏖.jpg"),
    ])
    func escapesControlAndBidiCharacters(raw: String, shown: String) {
        #expect(TerminalText.escape(raw) == shown)
        #expect(TerminalText.escape(shown) == shown)
    }

    @Test func theLastPassKeepsStylesAndNewlinesOnly() {
        let styled = Style.green.apply("done", enabled: true) + "\n" + Self.hostile
        let shown = TerminalText.escape(styled, keeping: .layout)
        #expect(shown.hasPrefix("\u{1B}[32mdone\u{1B}[0m\n"))
        #expect(shown.hasSuffix(#"\x1b]0;OWNED\x07\x1b[8m\x1b[2Jx.jpg"#))
        #expect(Self.isSafe(shown))
        #expect(TerminalText.escape("line 1\nline 2\u{1B}[2J", keeping: .newlines) == "line 1\nline 2\\x1b[2J")
    }

    static func photo() -> PhotoInfo {
        var photo = PhotoInfo(
            id: 3, sha256: "ab", name: hostile, format: "jpeg", byteSize: 10, width: 640, height: 480,
            orientation: 1, takenAt: nil, addedAt: "2026-01-01T00:00:00Z", status: "failed",
            error: "cannot decode \(hostile)", trashedAt: nil)
        photo.tags = [.init(tag: "dog\u{1B}[2J", confidence: 0.9, source: "manual")]
        photo.originalPath = "/data/originals/\u{9B}2J"
        return photo
    }

    @Test(arguments: [false, true]) func photoTablesAndDetailsEscapeNames(colour: Bool) {
        let table = PhotoTable.render([Self.photo()], columns: .score, colour: colour)
        #expect(Self.isSafe(table))
        #expect(table.contains(#"\x1b]0;OWNED\x07\x1b[8m\x1b[2Jx.jpg"#))
        #expect(table.contains(#"dog\x1b[2J"#))
        let detail = PhotoDetail.render(Self.photo(), colour: colour)
        #expect(Self.isSafe(detail))
        #expect(detail.contains(#"name      \x1b]0;OWNED"#))
        #expect(detail.contains(#"/data/originals/\x9b2J"#))
    }

    @Test func transcriptsAndEventsAreEscaped() {
        let result = CommandResult(
            transcript: "show \u{1B}]0;x\u{07} dogs", intent: .init(name: "search", confidence: 1),
            slots: .init(tags: ["dog\u{202E}"]), result: nil, speech: nil,
            timingsMs: .init(features: 0, decode: 0, total: 1), reason: "\u{9B}2J")
        let text = CommandText.render(result, spoken: true, colour: true)
        #expect(Self.isSafe(text))
        #expect(text.contains(#""show \x1b]0;x\x07 dogs""#))
        let event = EventNotification(
            topic: "photo.status",
            data: .object(["id": .int(1), "status": .string("failed"), "error": .string(Self.hostile)]))
        #expect(Self.isSafe(EventText.line(event, time: "08:00:00")))
    }
}
