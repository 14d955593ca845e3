import ArgumentParser
import Foundation
import GailleryProtocol

/// `gaillery upload FILE…`: stores photos, one `photos.upload` per file.
struct UploadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload", abstract: "Upload JPEG or PNG files.",
        discussion: """
            Each file is opened here and passed to the daemon, so files it cannot see by path (its own \
            /tmp under systemd) work too. A file it already has is reported as a \
            duplicate with its existing id. Goes on past files that fail and exits 2 if any did.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Wait until every photo is processed and show its final status.")
    var wait = false

    @Option(help: "With --wait, give up after this many seconds (default 300).")
    var timeout: Double = 300

    @Argument(
        help: ArgumentHelp("The files to upload.", valueName: "file"),
        completion: .file(extensions: ["jpg", "jpeg", "png"]))
    var files: [String]

    func validate() throws {
        if !(timeout >= 0) { throw ValidationError("--timeout must be 0 or more seconds.") }
    }

    func run() throws {
        let session = try global.connect()
        var batch = Batch<String>()
        var uploaded: [(file: String, result: PhotosUpload.Result)] = []
        let progress = files.count > 1 && Console.stderrIsTTY ? BatchProgress(total: files.count) : nil
        for (index, file) in files.enumerated() {
            progress?.show(done: index)
            try batch.attempt(file, label: file) {
                let path = Paths.absolute(file)
                let name = (path as NSString).lastPathComponent
                let result = try Busy.retrying {
                    try session.call(PhotosUpload.self, file: path) {
                        PhotosUpload.Params(path: $0, data: $1, name: name)
                    }
                }
                uploaded.append((file, result))
            }
        }
        progress?.finish()

        var final: [Int64: PhotosWait.Item] = [:]
        var waitProblem: CLIError?
        if wait, !uploaded.isEmpty {
            let ids = Array(Set(uploaded.map(\.result.id))).sorted()
            let result = try Waiting.wait(session, ids: ids, timeout: timeout)
            if global.json { JSONLine.print(wire: result) }
            final = Dictionary(result.photos.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            do { try Waiting.check(result, timeout: timeout) } catch let error as CLIError { waitProblem = error }
        }
        if !global.json, !uploaded.isEmpty { Console.out(table(uploaded, final: final)) }
        for (file, result) in uploaded {
            if let item = final[result.id], item.status == "failed" {
                Console.error("\(file) (photo \(result.id)) failed: \(item.error ?? "no reason given")")
            }
        }
        try batch.finish(noun: "files")
        if let waitProblem { throw waitProblem }
    }

    private func table(_ uploaded: [(file: String, result: PhotosUpload.Result)], final: [Int64: PhotosWait.Item])
        -> String
    {
        var table = Table(["id", "sha256", "new", "status", "file"], right: ["id"])
        for (file, result) in uploaded {
            let status = final[result.id]?.status ?? result.status
            table.append([
                Table.Cell(String(result.id)), Table.Cell(String(result.sha256.prefix(12))),
                Table.Cell(result.duplicate ? "duplicate" : "new", result.duplicate ? .dim : .plain),
                Table.Cell(status, Style.forStatus(status)), Table.Cell(file),
            ])
        }
        return table.render(colour: Console.colour)
    }
}

/// Retries calls the daemon refuses with `busy` (a full ingest queue), after the delay it suggests.
enum Busy {
    /// Longest total time to keep retrying one call, in seconds.
    static let patience = 120.0

    /// Runs `body`, retrying on `busy` after `data.retry_after_ms` (default 200 ms) until `patience` runs out.
    static func retrying<T>(_ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(patience)
        while true {
            do {
                return try body()
            } catch let error as RPCError where error.code == .busy && Date() < deadline {
                var delay = 200.0
                if case .int(let ms) = error.data?["retry_after_ms"] { delay = Double(ms) }
                Thread.sleep(forTimeInterval: min(5, max(0.01, delay / 1000)))
            }
        }
    }
}
