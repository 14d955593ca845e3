import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// A command ("show me photos of …") shows only confident matches: the weak tags the classifier leaves
/// on unrelated photos stay out of the view, while `photos.search` still reaches them.
@Suite struct WeakMatchCommandTests {
    /// Textures and scenes that pick up weak animal and object tags, beside photos with strong ones.
    static let names = ["grass.png", "gravel.png", "horse.png", "chelsea.png", "coffee.png", "camera.png"]

    @Test func aCommandLeavesOutTheWeakMatchesASearchFinds() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        _ = try VoiceFixtures.upload(Self.names, with: client)

        // Every one-word tag with a weak match (between the search default and the command's floor).
        let tags = try client.call(TagsList.self, .init(limit: 500)).tags.map(\.tag).filter { !$0.contains(" ") }
        var checked = 0
        for tag in tags {
            let found = try client.call(PhotosSearch.self, .init(query: tag, limit: 100, minConfidence: 0.1)).photos
            let weak = found.filter { ($0.score ?? 0) < 0.3 }.map(\.id)
            guard !weak.isEmpty else { continue }
            let shown = try client.call(AssistantCommand.self, .init(text: "show me photos of \(tag)"))
            guard shown.intent.name == "search" else { continue }
            let strong = Set(found.filter { ($0.score ?? 0) >= 0.3 }.map(\.id))
            let photos = Set(shown.result?.photos ?? [])
            #expect(photos.isDisjoint(with: weak), "\(tag): weak matches \(weak) shown")
            #expect(photos == strong, "\(tag): \(photos) shown, \(strong) confident")
            checked += 1
        }
        try #require(checked > 0, "none of \(tags) had a weak match on these photos: the test checked nothing")
    }
}
