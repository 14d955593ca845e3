import GailleryProtocol
import Testing

@testable import gaillery

/// `gaillery open [ID|QUERY]`: what it asks the daemon for, and when it prints the link instead.
@Suite struct OpenCommandTests {
    @Test(
        arguments: [
            ([], GalleryOpen.Params()),
            (["38"], GalleryOpen.Params(photo: 38)),
            (["dog"], GalleryOpen.Params(query: "dog")),
            (["dog", "-cat"], GalleryOpen.Params(query: "dog -cat")),
            (["38", "dog"], GalleryOpen.Params(query: "38 dog")),
            (["3.5"], GalleryOpen.Params(query: "3.5")),
        ] as [([String], GalleryOpen.Params)])
    func anIDOrAQuery(arguments: [String], params: GalleryOpen.Params) throws {
        let command = try #require(try Gaillery.parseAsRoot(["open"] + arguments) as? OpenCommand)
        #expect(OpenCommand.params(command.target) == params)
    }

    @Test func aDisplayIsNeededToRunXdgOpen() {
        #expect(!OpenCommand.hasDisplay([:]))
        #expect(!OpenCommand.hasDisplay(["DISPLAY": ""]))
        #expect(OpenCommand.hasDisplay(["DISPLAY": ":0"]))
        #expect(OpenCommand.hasDisplay(["WAYLAND_DISPLAY": "wayland-0"]))
    }
}
