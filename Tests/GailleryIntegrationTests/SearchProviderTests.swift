import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// `gaillery-search-provider` on a real session bus, started by the bus from its `.service` file, in front of
/// the real daemon with real classified photos: GNOME Shell's SearchProvider2 and KRunner's krunner1 calls
/// made with busctl and gdbus, and the opener and clipboard commands replaced by scripts that record their
/// arguments.
@Suite struct SearchProviderTests {
    static let gnome = "org.gnome.Shell.SearchProvider2"
    static let krunner = "org.kde.krunner1"

    /// Scripts standing in for xdg-open and the clipboard: each appends what it was given to a file.
    struct Recorders {
        let opened: String
        let copied: String
        let environment: [String: String]

        init(in directory: URL) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            opened = directory.appendingPathComponent("opened.txt").path
            copied = directory.appendingPathComponent("copied.txt").path
            let opener = directory.appendingPathComponent("opener.sh").path
            let copier = directory.appendingPathComponent("copier.sh").path
            try "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '\(opened)'\n".write(
                toFile: opener, atomically: true, encoding: .utf8)
            try "#!/bin/sh\ncat >> '\(copied)'\n".write(toFile: copier, atomically: true, encoding: .utf8)
            for script in [opener, copier] {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
            }
            environment = ["GAILLERY_OPENER": opener, "GAILLERY_COPY_COMMAND": copier]
        }

        func lines(_ path: String) -> [String] {
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    @Test func gnomeShellFindsTheCatThroughTheActivatedService() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try VoiceFixtures.upload(["chelsea.png", "coffee.png"], with: client)
        let (cat, coffee) = (String(ids[0]), String(ids[1]))
        let catInfo = try client.call(PhotosGet.self, .init(id: ids[0]))
        let recorders = try Recorders(in: daemon.root.appendingPathComponent("recorders"))
        let bus = try SessionBus(
            environment: recorders.environment.merging(["GAILLERY_SOCKET": daemon.socketPath]) {
                $1
            })
        #expect(try bus.activatableNames().contains(SessionBus.name))
        #expect(try !bus.nameHasOwner(), "nothing but the bus may start the provider")

        let initial = try bus.call(SessionBus.gnomePath, Self.gnome, "GetInitialResultSet", "as", ["1", "cat"])
        #expect((initial.first as? [String])?.first == cat, "\(initial)\n\(bus.log)")
        #expect((initial.first as? [String])?.contains(coffee) == false)
        // The bus started it from the .service file: the owner runs the built binary.
        let pid = try #require(try bus.ownerPID())
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
        #expect(URL(fileURLWithPath: executable).lastPathComponent == "gaillery-search-provider")

        let metas = try bus.call(SessionBus.gnomePath, Self.gnome, "GetResultMetas", "as", ["1", cat])
        let meta = try #require((metas.first as? [[String: Any]])?.first, "\(metas)")
        func value(_ key: String) -> Any? { (meta[key] as? [String: Any])?["data"] }
        #expect(value("id") as? String == cat)
        #expect(value("name") as? String == "chelsea.png")
        #expect((value("description") as? String)?.contains("cat") == true, "\(meta)")
        let thumbnail = try #require(value("gicon") as? String)
        #expect(thumbnail == catInfo.thumbnailPath)
        #expect(FileManager.default.fileExists(atPath: thumbnail))
        let icon = try #require(value("icon") as? [Any], "\(meta)")
        #expect(icon.first as? String == "file")
        #expect((icon.last as? [String: Any])?["data"] as? String == URL(fileURLWithPath: thumbnail).absoluteString)
        // GLib reads it as a serialized GIcon: ('file', <'file:///…'>).
        let printed = try bus.gdbus([
            "--dest", SessionBus.name, "--object-path", SessionBus.gnomePath, "--method",
            Self.gnome + ".GetResultMetas", "['\(cat)']",
        ])
        #expect(printed.contains("<('file', <'file://\(thumbnail)'>)>"), "\(printed)")

        let narrowed = try bus.call(
            SessionBus.gnomePath, Self.gnome, "GetSubsearchResultSet", "asas", ["2", cat, coffee, "1", "cat"])
        #expect(narrowed.first as? [String] == [cat])
        let outside = try bus.call(
            SessionBus.gnomePath, Self.gnome, "GetSubsearchResultSet", "asas", ["1", coffee, "1", "cat"])
        #expect(outside.first as? [String] == [])

        // Plain words with a year, and a typed command.
        let year = String(catInfo.addedAt.prefix(4))
        let thisYear = try bus.call(SessionBus.gnomePath, Self.gnome, "GetInitialResultSet", "as", ["2", "cat", year])
        #expect((thisYear.first as? [String])?.first == cat)
        let longAgo = try bus.call(SessionBus.gnomePath, Self.gnome, "GetInitialResultSet", "as", ["2", "cat", "1999"])
        #expect(longAgo.first as? [String] == [])
        let command = try bus.call(
            SessionBus.gnomePath, Self.gnome, "GetInitialResultSet", "as", ["5", "show", "me", "photos", "of", "cats"])
        #expect((command.first as? [String])?.first == cat, "\(command)")

        // The web gallery is off (the harness runs --http off): the original goes to the opener.
        _ = try bus.call(SessionBus.gnomePath, Self.gnome, "ActivateResult", "sasu", [cat, "1", "cat", "0"])
        let original = try #require(catInfo.originalPath)
        #expect(waitUntil { recorders.lines(recorders.opened) == [original] }, "\(bus.log)")
    }

    @Test func kRunnerMatchesWithThumbnailsAndRunsItsActions() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try VoiceFixtures.upload(["chelsea.png", "coffee.png"], with: client)
        let cat = String(ids[0])
        let original = try #require(try client.call(PhotosGet.self, .init(id: ids[0])).originalPath)
        let recorders = try Recorders(in: daemon.root.appendingPathComponent("recorders"))
        let bus = try SessionBus(
            environment: recorders.environment.merging(["GAILLERY_SOCKET": daemon.socketPath]) {
                $1
            })

        let reply = try bus.call(SessionBus.krunnerPath, Self.krunner, "Match", "s", ["cat"])
        let matches = try #require(reply.first as? [[Any]], "\(reply)\n\(bus.log)")
        let match = try #require(matches.first)
        #expect(matches.count == 1, "coffee is no cat: \(matches.map { $0.prefix(2) })")
        #expect(match[0] as? String == cat)
        #expect(match[1] as? String == "chelsea.png")
        #expect((match[4] as? NSNumber)?.doubleValue == 1, "the best match has relevance 1")
        let properties = try #require(match[5] as? [String: [String: Any]])
        #expect(properties["urls"]?["data"] as? [String] == [URL(fileURLWithPath: original).absoluteString])
        #expect((properties["subtext"]?["data"] as? String)?.contains("cat") == true)
        let icon = try #require(properties["icon-data"]?["data"] as? [Any], "\(properties.keys)")
        let numbers = icon.prefix(6).map { ($0 as? NSNumber)?.intValue ?? -1 }
        let (width, height, stride) = (numbers[0], numbers[1], numbers[2])
        #expect(max(width, height) == 64 && min(width, height) > 0, "\(numbers)")
        #expect(stride == width * 3 && numbers[4] == 8 && numbers[5] == 3)
        #expect(icon[3] as? Bool == false)
        #expect((icon.last as? [Any])?.count == stride * height)

        let actions = try bus.call(SessionBus.krunnerPath, Self.krunner, "Actions")
        #expect((actions.first as? [[String]])?.map { $0[0] } == ["open", "open-folder", "copy-path"])

        _ = try bus.call(SessionBus.krunnerPath, Self.krunner, "Run", "ss", [cat, "copy-path"])
        #expect(waitUntil { recorders.lines(recorders.copied) == [original] }, "\(bus.log)")
        _ = try bus.call(SessionBus.krunnerPath, Self.krunner, "Run", "ss", [cat, "open-folder"])
        _ = try bus.call(SessionBus.krunnerPath, Self.krunner, "Run", "ss", [cat, ""])
        let folder = URL(fileURLWithPath: original).deletingLastPathComponent().path
        #expect(waitUntil { recorders.lines(recorders.opened).sorted() == [folder, original].sorted() }, "\(bus.log)")
    }

    @Test func withTheWebGalleryOnActivationOpensItsLoginLink() throws {
        let daemon = try DaemonHarness(arguments: ["--http", "127.0.0.1:0"]).start()
        let client = try daemon.client()
        let upload = try client.call(PhotosUpload.self, .init(data: Data(Fixtures.jpeg(seed: 7)).base64EncodedString()))
        let recorders = try Recorders(in: daemon.root.appendingPathComponent("recorders"))
        let bus = try SessionBus(
            environment: recorders.environment.merging(["GAILLERY_SOCKET": daemon.socketPath]) {
                $1
            })

        _ = try bus.call(SessionBus.gnomePath, Self.gnome, "ActivateResult", "sasu", ["\(upload.id)", "0", "0"])
        _ = try bus.call(SessionBus.gnomePath, Self.gnome, "LaunchSearch", "asu", ["2", "dog", "beach", "0"])
        #expect(waitUntil { recorders.lines(recorders.opened).count == 2 }, "\(bus.log)")
        let urls = recorders.lines(recorders.opened)
        #expect(urls.allSatisfy { $0.hasPrefix("http://127.0.0.1:") && $0.contains("/login?token=") }, "\(urls)")
        // The fragment is percent-encoded inside the login link's `next`: decode until nothing changes.
        let decoded = urls.map { url in
            var text = url
            while let once = text.removingPercentEncoding, once != text { text = once }
            return text
        }
        #expect(decoded.first?.contains("photo=\(upload.id)") == true, "\(decoded)")
        #expect(decoded.last?.contains("q=dog beach") == true, "\(decoded)")
    }

    @Test func withoutTheDaemonResultsAreEmptyAndTheProviderStaysUp() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "gaillery-nodaemon-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let bus = try SessionBus(environment: ["GAILLERY_SOCKET": root.path + "/rpc.sock"])

        let initial = try bus.call(SessionBus.gnomePath, Self.gnome, "GetInitialResultSet", "as", ["1", "cat"])
        #expect(initial.first as? [String] == [])
        let matches = try bus.call(SessionBus.krunnerPath, Self.krunner, "Match", "s", ["show me photos of dogs"])
        #expect((matches.first as? [Any])?.isEmpty == true)
        let metas = try bus.call(SessionBus.gnomePath, Self.gnome, "GetResultMetas", "as", ["1", "12"])
        #expect((metas.first as? [Any])?.isEmpty == true)
        #expect(try bus.nameHasOwner())
        #expect(bus.log.contains("gailleryd is not running"), "\(bus.log)")
    }

    @Test func itExitsWhenIdleAndGivesTheNameBack() throws {
        let bus = try SessionBus(environment: [:])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SessionBus.providerBinary)
        process.arguments = ["--idle-timeout", "0.5", "--socket", bus.root.path + "/none.sock"]
        process.environment = ProcessInfo.processInfo.environment.merging(["DBUS_SESSION_BUS_ADDRESS": bus.address]) {
            $1
        }
        process.standardError = FileHandle.nullDevice
        try process.run()
        #expect(waitUntil { !process.isRunning }, "still running after its idle timeout")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The bus handles the closed connection on its own time.
        #expect(waitUntil { (try? bus.nameHasOwner()) == false })
    }
}
