import ArgumentParser
import GailleryProtocol

/// Options of the paged listings (`list`, `search`, `trash`): where to start and whether to go on.
struct PagingOptions: ParsableArguments {
    @Flag(help: "Follow the pages to the end.")
    var all = false

    @Option(help: "Start at this page (a cursor printed by an earlier call).")
    var cursor: String?

    /// Calls `fetch` from `--cursor` on and, with `--all`, again with each `next_cursor` until the last page.
    ///
    /// - Returns: the photos of the pages fetched and the cursor of the next page (nil on the last).
    func collect(fetch: (String?) throws -> PhotoPage) throws -> (photos: [PhotoInfo], next: String?) {
        var photos: [PhotoInfo] = []
        var cursor = cursor
        repeat {
            let page = try fetch(cursor)
            photos += page.photos
            cursor = page.nextCursor
        } while all && cursor != nil
        return (photos, cursor)
    }

    /// Prints the table (or `empty` on standard error when there are no photos) and a hint when more
    /// pages exist; prints nothing in `--json` mode, where each page was printed raw.
    func show(
        _ result: (photos: [PhotoInfo], next: String?), columns: PhotoTable.Columns = [], json: Bool, empty: String
    ) {
        guard !json else { return }
        if result.photos.isEmpty {
            Console.err(empty)
        } else {
            Console.out(PhotoTable.render(result.photos, columns: columns, colour: Console.colour))
        }
        if let next = result.next {
            Console.err("more photos follow: add --all, or --cursor \(next) for the next page")
        }
    }
}
