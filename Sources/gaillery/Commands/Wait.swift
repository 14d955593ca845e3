import ArgumentParser
import Foundation
import GailleryProtocol

/// `gaillery wait ID…`: blocks until photos are processed.
struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait until photos are processed (done or failed), for scripts.",
        discussion: "Exits 2 when a photo failed or the timeout passed first.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Give up after this many seconds (default 30).")
    var timeout: Double = 30

    @Argument(help: ArgumentHelp("The photos' ids.", valueName: "id"))
    var ids: [Int64]

    func validate() throws {
        if !(timeout >= 0) { throw ValidationError("--timeout must be 0 or more seconds.") }
    }

    func run() throws {
        let session = try global.connect()
        let result = try Waiting.wait(session, ids: ids, timeout: timeout)
        if global.json {
            JSONLine.print(wire: result)
        } else {
            let errors = result.photos.contains { $0.error != nil }
            var table = Table(errors ? ["id", "status", "error"] : ["id", "status"], right: ["id"])
            for item in result.photos {
                let status = Table.Cell(item.status, Style.forStatus(item.status))
                table.append([Table.Cell(String(item.id)), status] + (errors ? [Table.Cell(item.error ?? "")] : []))
            }
            Console.out(table.render(colour: Console.colour))
        }
        try Waiting.check(result, timeout: timeout)
    }
}

/// `photos.wait` beyond its 600 s limit per call, and the exit status of its result.
enum Waiting {
    /// The longest wait one `photos.wait` call accepts, in seconds.
    static let longestCall = 600.0

    /// Waits for `ids` for up to `timeout` seconds, in as many calls as needed.
    static func wait(_ session: Session, ids: [Int64], timeout: Double) throws -> PhotosWait.Result {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let remaining = max(0, deadline.timeIntervalSinceNow)
            let slice = Int((min(remaining, longestCall) * 1000).rounded())
            let result = try session.quietCall(PhotosWait.self, .init(ids: ids, timeoutMs: slice))
            if result.complete || deadline.timeIntervalSinceNow <= 0 { return result }
        }
    }

    /// Throws `CLIError.partial` (exit status 2) when some photos failed or did not finish in time.
    static func check(_ result: PhotosWait.Result, timeout: Double) throws {
        var problems: [String] = []
        let failed = result.photos.filter { $0.status == "failed" }.count
        if failed > 0 { problems.append("\(failed) of \(result.photos.count) photos failed") }
        if !result.complete {
            let open = result.photos.filter { $0.status != "done" && $0.status != "failed" }.count
            problems.append(
                "timed out after \(Durations.human(timeout)) with \(counted(open, "photo")) still processing")
        }
        if !problems.isEmpty { throw CLIError.partial(problems.joined(separator: "; ")) }
    }
}
