import ArgumentParser
import GailleryProtocol

/// `gaillery listen`: a spoken command from the daemon's microphone (`voice.listen`).
struct ListenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen", abstract: "Speak a command into the daemon's microphone.",
        discussion: """
            The daemon records from ALSA (its --capture-device, or --device here) until you stop speaking \
            or --max-seconds pass, then recognizes and carries out the command. One recording at a time.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: CommandSessionOptions

    @Option(help: ArgumentHelp("ALSA capture device, e.g. default, plughw:1,0, pulse.", valueName: "pcm"))
    var device: String?

    @Option(help: "Stop recording after this many seconds, more than 0 and at most 30 (default 5).")
    var maxSeconds: Double?

    func validate() throws {
        if let maxSeconds, !(maxSeconds > 0 && maxSeconds <= 30) {
            throw ValidationError("--max-seconds must be more than 0 and at most 30.")
        }
    }

    func run() throws {
        if !global.json, Console.stderrIsTTY { Console.err("listening…") }
        let params = VoiceListen.Params(device: device, maxSeconds: maxSeconds, session: session.session)
        let result = try global.connect().call(VoiceListen.self, params)
        if !global.json { Console.out(CommandText.render(result, spoken: true, colour: Console.colour)) }
    }
}
