import ArgumentParser
import GailleryProtocol

/// `gaillery say FILE`: a spoken command from an audio file (`voice.command`).
struct SayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "say", abstract: "Give a spoken command from a WAV file (or raw 16-bit PCM).",
        discussion: """
            The file is opened here and passed to the daemon (which may not see its path): WAV (PCM \
            8/16/24/32-bit or float, any channels, 8-48 kHz, at most 30 s) or, with --format s16le, \
            headerless 16-bit little-endian samples. Speech it does not understand does nothing ("intent none" and the reason).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: CommandSessionOptions

    @Option(help: "wav (default) or s16le (headerless signed 16-bit little-endian).")
    var format: String?

    @Option(help: "For s16le: samples per second (default 16000).")
    var rate: Int?

    @Option(help: "For s16le: interleaved channels (default 1).")
    var channels: Int?

    @Argument(help: ArgumentHelp("The audio file.", valueName: "file"), completion: .file(extensions: ["wav", "raw"]))
    var file: String

    func validate() throws {
        if let format, !["wav", "s16le"].contains(format) { throw ValidationError("--format must be wav or s16le.") }
        if format != "s16le", rate != nil || channels != nil {
            throw ValidationError("--rate and --channels go with --format s16le; a WAV file carries its own.")
        }
    }

    func run() throws {
        let result = try global.connect().call(VoiceCommand.self, file: Paths.absolute(file)) {
            VoiceCommand.Params(
                path: $0, data: $1, format: format, sampleRate: rate, channels: channels, session: session.session)
        }
        if !global.json { Console.out(CommandText.render(result, spoken: true, colour: Console.colour)) }
    }
}
