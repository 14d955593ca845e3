import ArgumentParser
import Foundation
import GailleryProtocol

/// `gaillery enroll DIR`, `--record DIR`, `--prompts`, `--forget`: adapts the speech recognizer to the user's
/// voice (`voice.enroll`), first recording the prompts through the daemon's microphone (`voice.record`) with
/// `--record`; lists the sentences to read (`voice.prompts`), or removes the enrollment (`voice.forget`).
struct EnrollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll", abstract: "Teach the speech recognizer your voice from recordings of sentences.",
        discussion: """
            `gaillery enroll --prompts` lists the sentences to read. Record each into one directory, named by \
            its number (01.wav, 02.wav, …), then run `gaillery enroll DIR`; a DIR/transcript.tsv of \
            FILE<TAB>sentence lines, when present, says instead which file reads which sentence. The daemon \
            adapts its model to the recordings (about 10 s), leaves out those it cannot align with their \
            sentences, and uses the adapted model from then on, across restarts, until the next enrollment \
            or `gaillery enroll --forget`. Needs SphinxTrain (Debian: apt-get install sphinxtrain).

            `gaillery enroll --record DIR` does it all: it shows each sentence, records you reading it \
            through the daemon's microphone (ALSA, as `gaillery listen`), saves DIR/01.wav, DIR/02.wav, … \
            (replacing earlier ones), and then enrolls from DIR.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "List the sentences to read, numbered, and how to record them.")
    var prompts = false

    @Flag(help: "Remove the enrollment: the recognizer goes back to the base model.")
    var forget = false

    @Flag(help: "Record the sentences into DIR through the daemon's microphone, then enroll from DIR.")
    var record = false

    @Option(help: "With --record: how many sentences to record (default 20).")
    var count: Int?

    @Argument(
        help: ArgumentHelp("The directory of recordings (01.wav, 02.wav, … or a transcript.tsv).", valueName: "dir"),
        completion: .directory)
    var dir: String?

    func validate() throws {
        if record, prompts || forget { throw ValidationError("--record cannot be used with --prompts or --forget.") }
        if record, dir == nil { throw ValidationError("--record needs the directory to record into.") }
        if let count, !record || count < 1 { throw ValidationError("--count is a positive number used with --record.") }
        let chosen = [prompts, forget, dir != nil].filter { $0 }.count
        if chosen != 1 { throw ValidationError("Give one of: a directory of recordings, --prompts or --forget.") }
    }

    func run() throws {
        if prompts { return try listPrompts() }
        if forget { return try forgetVoice() }
        guard let dir else { return }
        let session = try global.connect()
        if record { try recordPrompts(into: dir, session: session) }
        try enroll(from: dir, session: session)
    }

    /// Enrolls the recordings in `dir` and reports the result.
    private func enroll(from dir: String, session: Session) throws {
        let contents = try EnrollmentFolder.scan(dir)
        let recordings: [VoiceEnroll.Recording]
        switch contents {
        case .transcript(let listed): recordings = listed
        case .numbered(let files):
            let prompts = try session.quietCall(VoicePrompts.self, .init()).prompts
            recordings = try EnrollmentFolder.recordings(files, prompts: prompts)
        }
        if !global.json, Console.stderrIsTTY { Console.err("enrolling \(counted(recordings.count, "recording"))…") }
        let result = try session.call(VoiceEnroll.self, .init(recordings: recordings))
        guard !global.json else { return }
        let directory = Paths.absolute(dir) + "/"
        let names = recordings.map { recording in
            let path = recording.path ?? ""
            return path.hasPrefix(directory) ? String(path.dropFirst(directory.count)) : path
        }
        Console.out(EnrollText.summary(result, names: names))
        Console.err("the recognizer now uses your voice (see `gaillery status`); undo with `gaillery enroll --forget`")
    }

    private func listPrompts() throws {
        let result = try global.connect().call(VoicePrompts.self, .init())
        guard !global.json else { return }
        Console.out(EnrollText.prompts(result.prompts))
        Console.err(EnrollText.recordingHint(minimum: result.minimum))
    }

    private func forgetVoice() throws {
        let result = try global.connect().call(VoiceForget.self, .init())
        guard !global.json else { return }
        Console.out(
            result.removed
                ? "removed your voice enrollment; the recognizer uses the base model again"
                : "there was no voice enrollment to remove")
    }
}

/// `gaillery enroll` output.
enum EnrollText {
    /// The prompts numbered from 1, numbers right-aligned: ` 1  the old wagon…`.
    static func prompts(_ prompts: [String]) -> String {
        let width = String(prompts.count).count
        return prompts.enumerated().map { index, prompt in
            let number = String(index + 1)
            return String(repeating: " ", count: width - number.count) + number + "  " + prompt
        }.joined(separator: "\n")
    }

    /// How to record the prompts and enroll, in one line.
    static func recordingHint(minimum: Int) -> String {
        "record at least \(minimum) into one directory as 01.wav, 02.wav, … "
            + "(e.g. `arecord -f S16_LE -r 16000 -c 1 01.wav`, Ctrl-C to stop), then run `gaillery enroll DIR`"
    }

    /// `voice.enroll`'s result; `names` are the recordings sent, in order (the result's `ignored` indexes them).
    static func summary(_ result: VoiceEnroll.Result, names: [String]) -> String {
        let speech = String(format: "%.1f s of speech", result.speechSeconds)
        var lines: [(key: String, value: String)] = [
            ("enrolled", "\(counted(result.recordings, "recording")), \(speech)")
        ]
        if !result.ignored.isEmpty {
            let ignored = result.ignored.map { $0 >= 1 && $0 <= names.count ? names[$0 - 1] : "#\($0)" }
            let reason = ignored.count == 1 ? "did not match its sentence" : "did not match their sentences"
            lines.append(("ignored", ignored.joined(separator: ", ") + " (\(reason))"))
        }
        lines.append(
            ("fit", String(format: "%.2f → %.2f (log-likelihood per frame)", result.fit.before, result.fit.after)))
        let timings = result.timingsMs
        let parts = [
            ("read", timings.read), ("features", timings.features), ("statistics", timings.statistics),
            ("map", timings.map), ("check", timings.check), ("install", timings.install), ("reload", timings.reload),
        ].map { "\($0) " + String(format: "%.2f", $1 / 1000) }
        lines.append(("time", String(format: "%.1f s (", timings.total / 1000) + parts.joined(separator: ", ") + ")"))
        return Table.keyValues(lines).joined(separator: "\n")
    }
}
