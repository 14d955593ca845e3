import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// `gaillery rofi` (rofi's script mode) and `gaillery pick` (dmenu-style menus) run as rofi and a menu run
/// them, against the real daemon with real classified photos; the opener is a script that writes down what
/// it was asked to open.
@Suite struct LauncherCLITests {
    /// The built `gaillery`, found beside the test bundle like `DaemonHarness.binary`.
    static var cli: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("gaillery").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return ".build/debug/gaillery"
    }

    /// Runs `gaillery arguments…` with `environment` added; its exit status, stdout and stderr.
    static func gaillery(_ arguments: [String], environment: [String: String]) throws -> (
        status: Int32, out: String, err: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cli)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self)
        )
    }

    /// A shell script that appends each argument it gets to `log`, one a line.
    static func recordingOpener(in directory: URL, log: URL) throws -> String {
        let script = directory.appendingPathComponent("opener.sh")
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '\(log.path)'\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    /// The rows of a rofi reply: (text, options) for each line that is not a mode option.
    static func rofiRows(_ reply: String) -> [(text: String, options: [String: String])] {
        reply.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
            guard let text = parts.first, !text.isEmpty else { return nil }
            var options: [String: String] = [:]
            if parts.count == 2 {
                let fields = parts[1].split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                for pair in stride(from: 0, to: fields.count - 1, by: 2) { options[fields[pair]] = fields[pair + 1] }
            }
            return (String(text), options)
        }
    }

    @Test func rofiListsTheCatWithItsThumbnailAndOpensTheChosenPhoto() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let status = try client.call(DaemonStatus.self, NoParams())
        try #require(status.classifier.ready, "classifier not ready: \(status.classifier.reason ?? "")")
        let ids = try VoiceFixtures.upload(["chelsea.png", "coffee.png"], with: client)
        let cat = try client.call(PhotosGet.self, .init(id: ids[0]))
        let log = daemon.root.appendingPathComponent("opened.txt")
        let opener = try Self.recordingOpener(in: daemon.root, log: log)
        let environment = ["GAILLERY_SOCKET": daemon.socketPath, "GAILLERY_OPENER": opener]

        // rofi's first call: the prompt, a message and the latest photos, each with its thumbnail.
        let start = try Self.gaillery(["rofi"], environment: environment.merging(["ROFI_RETV": "0"]) { $1 })
        #expect(start.status == 0, "\(start.err)")
        #expect(start.out.hasPrefix("\0prompt\u{1F}photos\n"))
        #expect(Set(Self.rofiRows(start.out).compactMap { $0.options["info"] }) == Set(ids.map(String.init)))

        // Typed "cat": the cat photo's row carries its thumbnail as icon and its id as info.
        let typed = try Self.gaillery(["rofi", "cat"], environment: environment.merging(["ROFI_RETV": "2"]) { $1 })
        #expect(typed.status == 0, "\(typed.err)")
        let rows = Self.rofiRows(typed.out)
        let catRow = try #require(rows.first { $0.options["info"] == String(cat.id) }, "\(typed.out.debugDescription)")
        #expect(catRow.options["icon"] == cat.thumbnailPath && cat.thumbnailPath != nil)
        #expect(catRow.text.hasPrefix("chelsea.png · "))
        #expect(catRow.text.split(separator: "·").count == 3, "name · date · tags")
        #expect(!rows.contains { $0.options["info"] == String(ids[1]) }, "the coffee photo is not a cat")

        // Enter on the cat row: rofi passes the row's text and ROFI_INFO; the photo opens (the gallery is
        // off in the harness, so its original file), and the empty reply closes rofi.
        let chose = try Self.gaillery(
            ["rofi", catRow.text],
            environment: environment.merging(["ROFI_RETV": "1", "ROFI_INFO": String(cat.id)]) { $1 })
        #expect(chose.status == 0, "\(chose.err)")
        #expect(chose.out.isEmpty)
        #expect(try String(contentsOf: log, encoding: .utf8) == (cat.originalPath ?? "-") + "\n")

        // A search nothing matches and a query error are rows that cannot be chosen, not an exit.
        let none = try Self.gaillery(["rofi", "zebra"], environment: environment.merging(["ROFI_RETV": "2"]) { $1 })
        #expect(Self.rofiRows(none.out).map(\.options) == [["nonselectable": "true"]])
        #expect(none.out.contains("no photos match zebra"))
        let broken = try Self.gaillery(["rofi", "(cat"], environment: environment.merging(["ROFI_RETV": "2"]) { $1 })
        #expect(Self.rofiRows(broken.out).first?.options == ["nonselectable": "true"])
        #expect(!broken.out.contains("photos.search"), "the error speaks of the query, not the RPC method")

        // pick: the menu (here `head -n 1`, choosing the first row) gets "ID  name · …" rows.
        let picked = try Self.gaillery(["pick", "--menu", "head -n 1", "--print", "cat"], environment: environment)
        #expect(picked.status == 0, "\(picked.err)")
        #expect(picked.out == (cat.originalPath ?? "-") + "\n")
        let escaped = try Self.gaillery(["pick", "--menu", "false", "cat"], environment: environment)
        #expect(escaped.status == 1 && escaped.out.isEmpty)
    }

    @Test func rofiWithoutADaemonShowsWhyAsARow() throws {
        let missing = NSTemporaryDirectory() + "gaillery-none-\(UUID().uuidString.prefix(8))/rpc.sock"
        let reply = try Self.gaillery(["rofi"], environment: ["GAILLERY_SOCKET": missing, "ROFI_RETV": "0"])
        #expect(reply.status == 0)
        let rows = Self.rofiRows(reply.out)
        #expect(rows.count == 1 && rows.first?.options == ["nonselectable": "true"])
        #expect(rows.first?.text.contains(missing) == true, "\(reply.out.debugDescription)")
    }
}
