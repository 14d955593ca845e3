import ArgumentParser
import GailleryProtocol

/// `gaillery trash [list|empty]`: the trash.
struct TrashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trash", abstract: "List the trash, or empty it for good.",
        subcommands: [TrashListCommand.self, TrashEmptyCommand.self],
        defaultSubcommand: TrashListCommand.self)
}

/// `gaillery trash list` (also plain `gaillery trash`).
struct TrashListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List photos in the trash, most recently trashed first.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Photos per page, 1...1000 (default 100).")
    var limit: Int?

    @OptionGroup var pages: PagingOptions

    func run() throws {
        let session = try global.connect()
        let result = try pages.collect { cursor in
            try session.call(TrashList.self, .init(limit: limit, cursor: cursor))
        }
        pages.show(result, columns: .trashed, json: global.json, empty: "the trash is empty")
        if !global.json, !result.photos.isEmpty {
            Console.err("restore with `gaillery restore ID…`; delete for good with `gaillery trash empty`")
        }
    }
}

/// `gaillery trash empty`: deletes every trashed photo for good.
struct TrashEmptyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "empty",
        abstract: "Delete every photo in the trash for good (asks first unless --yes).")

    @OptionGroup var global: GlobalOptions

    @Flag(name: [.short, .long], help: "Do not ask; required when standard input is not a terminal.")
    var yes = false

    func run() throws {
        let session = try global.connect()
        if !yes {
            guard Console.stdinIsTTY else {
                throw CLIError.usage(
                    "`trash empty` deletes photos for good; add --yes to confirm when not on a terminal")
            }
            let count = try session.quietCall(DaemonStatus.self, .init()).photos.trashed
            guard count > 0 else { return Console.err("the trash is already empty") }
            let question = "Delete the \(counted(count, "photo")) in the trash for good? [y/N] "
            guard let answer = Console.ask(question)?.lowercased(), ["y", "yes"].contains(answer) else {
                return Console.err("kept the trash as it is")
            }
        }
        let result = try session.call(TrashEmpty.self, .init())
        if !global.json {
            Console.out(
                "deleted \(counted(result.removed, "photo")) for good, freed \(ByteCount.human(result.bytesFreed))"
            )
        }
    }
}
