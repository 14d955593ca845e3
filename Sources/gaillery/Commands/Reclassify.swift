import ArgumentParser
import GailleryProtocol

/// `gaillery reclassify ID…|--all`: runs the classifier again (`photos.reclassify`).
struct ReclassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclassify", abstract: "Classify photos again, e.g. after installing another model.",
        discussion: """
            Model tags and labels are replaced; manual tags are kept. Waits until the photos are searchable \
            again unless --no-wait (then follow them with `gaillery status`). Exits 2 when a photo failed.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Every photo not in the trash.")
    var all = false

    @Flag(help: "Queue the photos and return at once.")
    var noWait = false

    @Argument(help: ArgumentHelp("The photos' ids.", valueName: "id"))
    var ids: [Int64] = []

    func validate() throws {
        if all == !ids.isEmpty {
            throw ValidationError("Give the photos' ids or --all, not both and not neither.")
        }
    }

    func run() throws {
        let session = try global.connect()
        let result = try session.call(
            PhotosReclassify.self, all ? .init(all: true) : .init(ids: ids))
        if !global.json {
            let model = result.model.map { " with \($0)" } ?? ""
            Console.out("queued \(counted(result.queued, "photo")) for classification\(model)")
        }
        // `--all` names no ids to wait for; `status` shows the queue draining.
        guard !noWait, !all, result.queued > 0 else { return }
        let waited = try Waiting.wait(session, ids: ids, timeout: 24 * 3600)
        if !global.json {
            let done = waited.photos.filter { $0.status == "done" }.count
            Console.out("\(counted(done, "photo")) classified")
            for item in waited.photos where item.status == "failed" {
                Console.out("photo \(item.id) failed: \(item.error ?? "no reason given")")
            }
        }
        try Waiting.check(waited, timeout: 24 * 3600)
    }
}
