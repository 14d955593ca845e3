import ArgumentParser
import GailleryProtocol

/// `gaillery ask TEXT…`: a typed command (`assistant.command`).
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask", abstract: "Give a typed command: \"show me photos of dogs\", \"next\", \"undo\".",
        discussion: """
            Understands search ("show me photos of dogs and cats", "find pictures of beaches"), count \
            ("how many photos of cats"), next, previous ("go back"), close ("close the gallery"), latest \
            ("show me the latest photos"), all ("show all photos"), delete ("delete this photo": to the \
            trash) and undo. Commands act on a session kept by the daemon (--session).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var session: CommandSessionOptions

    @Argument(help: ArgumentHelp("The command; several words need no quotes.", valueName: "words"))
    var words: [String]

    func run() throws {
        let params = AssistantCommand.Params(text: words.joined(separator: " "), session: session.session)
        let result = try global.connect().call(AssistantCommand.self, params)
        if !global.json { Console.out(CommandText.render(result, spoken: false, colour: Console.colour)) }
    }
}
