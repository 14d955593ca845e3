import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// A named session's view goes out as `session.view` after each command in it, so a client showing that
/// session (the web gallery's "web") follows commands given elsewhere; a connection's own session is private.
@Suite struct SessionViewTests {
    @Test func aCommandInANamedSessionIsSeenByItsWatchers() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try VoiceFixtures.upload(["chelsea.png", "coffee.png"], with: client)
        let watcher = try daemon.client()
        _ = try watcher.call(EventsSubscribe.self, .init(topics: [EventNotification.Topic.sessionView]))

        _ = try client.call(AssistantCommand.self, .init(text: "show all photos"))  // its own session: private
        _ = try client.call(AssistantCommand.self, .init(text: "show all photos", session: "web"))
        _ = try client.call(AssistantCommand.self, .init(text: "next photo", session: "web"))
        var views: [SessionView] = []
        while views.count < 2, let event = try watcher.nextNotification(timeout: 30) {
            #expect(event.topic == EventNotification.Topic.sessionView)
            views.append(try WireCoding.decoder().decode(SessionView.self, from: JSONEncoder().encode(event.data)))
        }
        #expect(views.map(\.session) == ["web", "web"])
        #expect(views.map(\.photos) == [ids.reversed(), ids.reversed()])
        #expect(views.map(\.count) == [2, 2])
        #expect(views.map(\.current) == [ids[1], ids[0]])
        _ = try client.call(AssistantCommand.self, .init(text: "close the gallery", session: "web"))
        let closed = try #require(try watcher.nextNotification(timeout: 30))
        #expect(closed.data["current"] == nil || closed.data["current"] == .null)
    }
}
