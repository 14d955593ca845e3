import ArgumentParser
import Foundation
import GailleryProtocol

/// `gaillery open [ID|QUERY]`: opens the web gallery (or one photo, or a search) in the default browser.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the web gallery in the default browser: all photos, one photo (an id) or a search.",
        discussion: """
            Asks the daemon for a login link (gallery.open: a one-time token, good for two minutes) and runs \
            xdg-open on it. Without a display (no DISPLAY or WAYLAND_DISPLAY), or when xdg-open fails, the \
            link is printed instead: open it in a browser on this machine.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "A photo's id, or a search in the query language (e.g. dog beach -cat); nothing for all photos.",
            valueName: "id|query"))
    var target: [String] = []

    func run() throws {
        let result = try global.connect().call(GalleryOpen.self, Self.params(target))
        if global.json { return }
        if Self.hasDisplay(ProcessInfo.processInfo.environment), Self.xdgOpen(result.url) {
            Console.out("opened \(result.url)")
        } else {
            Console.out("open this link in a browser on this machine within two minutes (it works once):")
            Console.out(result.url)
        }
    }

    /// One whole-number argument is a photo id; anything else is a search.
    static func params(_ target: [String]) -> GalleryOpen.Params {
        if target.count == 1, let id = Int64(target[0]) { return GalleryOpen.Params(photo: id) }
        let query = target.joined(separator: " ")
        return GalleryOpen.Params(query: query.isEmpty ? nil : query)
    }

    /// Whether a graphical session is there to open a browser in.
    static func hasDisplay(_ environment: [String: String]) -> Bool {
        !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
    }

    /// Runs `xdg-open url`; false when it cannot be run or fails.
    private static func xdgOpen(_ url: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
