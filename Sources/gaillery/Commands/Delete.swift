import ArgumentParser
import GailleryProtocol

/// `gaillery delete ID…`: moves photos to the trash.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Move photos to the trash (restore them with `gaillery restore`).",
        discussion: "Nothing is deleted for good until `gaillery trash empty`.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The photos' ids.", valueName: "id"))
    var ids: [Int64]

    func run() throws {
        let session = try global.connect()
        var batch = Batch<Int64>()
        var moved: [Int64] = []
        for id in ids {
            try batch.attempt(id, label: "photo \(id)") {
                let result = try session.call(PhotosDelete.self, .init(id: id))
                moved.append(id)
                if !global.json { Console.out("moved photo \(id) to the trash at \(result.trashedAt)") }
            }
        }
        if !global.json, !moved.isEmpty {
            Console.err("restore with `gaillery restore \(moved.map(String.init).joined(separator: " "))`")
        }
        try batch.finish(noun: "photos")
    }
}

/// `gaillery restore ID…`: takes photos out of the trash.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Take photos out of the trash.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The photos' ids (see `gaillery trash`).", valueName: "id"))
    var ids: [Int64]

    func run() throws {
        let session = try global.connect()
        var batch = Batch<Int64>()
        for id in ids {
            try batch.attempt(id, label: "photo \(id)") {
                let photo = try session.call(PhotosRestore.self, .init(id: id))
                let name = photo.name.map { " (\(TerminalText.escape($0)))" } ?? ""
                if !global.json { Console.out("restored photo \(id)" + name) }
            }
        }
        try batch.finish(noun: "photos")
    }
}
