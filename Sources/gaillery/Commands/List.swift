import ArgumentParser
import GailleryProtocol

/// `gaillery list`: photos not in the trash, newest first.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List photos (not in the trash), newest first.",
        discussion: "Shows one page (--limit, default 100); --all follows the pages to the end.")

    /// The order of `photos.list`.
    enum Order: String, ExpressibleByArgument, CaseIterable {
        case added
        case taken
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: "Photos per page, 1...1000 (default 100).")
    var limit: Int?

    @Option(help: "Sort by when the photo was stored (added) or by its EXIF date (taken; photos without one last).")
    var order: Order = .added

    @OptionGroup var pages: PagingOptions

    func run() throws {
        let session = try global.connect()
        let result = try pages.collect { cursor in
            try session.call(PhotosList.self, .init(limit: limit, cursor: cursor, order: order.rawValue))
        }
        pages.show(
            result, json: global.json,
            empty: "no photos yet; add some with `gaillery upload FILE…` or `gaillery import DIR`")
    }
}

/// `gaillery search QUERY…`: photos whose tags match a query, best first.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search photos by tags, best match first.",
        discussion: """
            The words are joined into one query: `dog beach` (AND), `dog | cat` (OR), `-cat` or `not cat` \
            (NOT), parentheses, "quoted tags", since:2024-01-01, until:2024-12-31, status:failed. \
            Quote | ( ) and " for the shell; put -- before the query when it starts with -.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Photos per page, 1...1000 (default 50).")
    var limit: Int?

    @Option(help: "Count a tag only with at least this confidence, 0...1 (default 0.1).")
    var minConfidence: Double?

    @OptionGroup var pages: PagingOptions

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The query.", valueName: "query"))
    var words: [String] = []

    func validate() throws {
        if words.isEmpty { throw ValidationError("Missing the query, e.g. `gaillery search dog beach`.") }
    }

    func run() throws {
        let session = try global.connect()
        let query = words.joined(separator: " ")
        let result = try pages.collect { cursor in
            try session.call(
                PhotosSearch.self, .init(query: query, limit: limit, cursor: cursor, minConfidence: minConfidence))
        }
        pages.show(result, columns: .score, json: global.json, empty: "no photos match `\(query)`")
    }
}
