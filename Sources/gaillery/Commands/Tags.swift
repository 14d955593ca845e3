import ArgumentParser
import GailleryProtocol

/// `gaillery tags`: the tags in use and how many photos carry each.
struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags", abstract: "List tags in use, most used first.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only tags starting with this.")
    var prefix: String?

    @Option(help: "At most this many, 1...10000 (default 100).")
    var limit: Int?

    func run() throws {
        let result = try global.connect().call(TagsList.self, .init(prefix: prefix, limit: limit))
        guard !global.json else { return }
        guard !result.tags.isEmpty else {
            return Console.err(prefix.map { "no tags start with `\($0)`" } ?? "no tags yet")
        }
        var table = Table(["tag", "photos"], right: ["photos"])
        for tag in result.tags { table.append([Table.Cell(tag.tag), Table.Cell(String(tag.count))]) }
        Console.out(table.render(colour: Console.colour))
    }
}

/// `gaillery tag ID --add T… --remove T…`: manual tags.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Add or remove manual tags on a photo.",
        discussion: "Manual tags are searchable like the model's and are never changed by reclassification.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The photo's id.")
    var id: Int64

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Tags to add.", valueName: "tag"))
    var add: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Manual tags to remove.", valueName: "tag"))
    var remove: [String] = []

    func validate() throws {
        if add.isEmpty && remove.isEmpty {
            throw ValidationError("Nothing to do: give --add TAG… and/or --remove TAG….")
        }
    }

    func run() throws {
        let params = PhotosTag.Params(id: id, add: add.isEmpty ? nil : add, remove: remove.isEmpty ? nil : remove)
        let result = try global.connect().call(PhotosTag.self, params)
        guard !global.json else { return }
        Console.out(result.tags.isEmpty ? "photo \(id) has no tags" : "photo \(id) tags:")
        for line in ConfidenceBar.lines(result.tags, indent: "  ") { Console.out(line) }
    }
}
