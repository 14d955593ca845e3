import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// "show me photos of dogs and cats" shows the photos of either kind, those with both first; "or" the
/// same; counting counts the same photos.
@Suite struct TagUnionCommandTests {
    @Test func dogsAndCatsIsTheUnionWithBothFirst() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        // chelsea: a cat (model tag); coffee: a dog by hand; astronaut: both by hand; motorcycle: neither.
        let ids = try VoiceFixtures.upload(AssistantSessionTests.names, with: client)
        _ = try client.call(PhotosTag.self, .init(id: ids[1], add: ["dog"]))
        _ = try client.call(PhotosTag.self, .init(id: ids[2], add: ["dog", "cat"]))
        func ask(_ text: String) throws -> CommandResult { try client.call(AssistantCommand.self, .init(text: text)) }

        for text in [
            "show me photos of dogs and cats", "show me photos of dogs or cats", "find pictures of cats or dogs",
        ] {
            let shown = try ask(text)
            #expect(shown.intent.name == "search", "\(text)")
            let photos = try #require(shown.result?.photos, "\(text)")
            #expect(photos.first == ids[2], "\(text): the photo with both comes first")
            #expect(Set(photos) == Set(ids[0...2]), "\(text)")
        }
        let counted = try ask("how many photos of dogs and cats")
        #expect(counted.result?.count == 3)
        #expect(try ask("find photos of giraffes or zebras").result?.message == "no photos of giraffe or zebra")
    }
}
