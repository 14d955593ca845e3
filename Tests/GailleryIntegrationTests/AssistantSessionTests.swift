import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// Typed commands (`assistant.command`) against the real daemon: browsing a view, delete to the trash and
/// undo, counting, and which connections share a session.
@Suite struct AssistantSessionTests {
    static let names = ["chelsea.png", "coffee.png", "astronaut.png", "motorcycle_left.png"]

    @Test func browseDeleteAndUndoInOneSession() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        let ids = try VoiceFixtures.upload(Self.names, with: client)
        func ask(_ text: String) throws -> CommandResult { try client.call(AssistantCommand.self, .init(text: text)) }

        let all = try ask("show all photos")
        #expect(all.intent == .init(name: "all", confidence: 1))
        #expect(all.result?.count == 4)
        #expect(all.result?.photos == ids.reversed())
        #expect(all.result?.current == ids[3] && all.result?.position == 1)
        #expect(try ask("next photo").result?.current == ids[2])
        #expect(try ask("go back").result?.position == 1)
        #expect(try ask("previous").result?.message == "this is the first photo")

        let deleted = try ask("delete this photo")
        #expect(deleted.result?.trashed == ids[3])
        #expect(deleted.result?.count == 3 && deleted.result?.current == ids[2])
        #expect(try client.call(PhotosGet.self, .init(id: ids[3])).trashedAt != nil)
        #expect(try client.call(TrashList.self, .init()).photos.map(\.id) == [ids[3]])

        let undone = try ask("undo")
        #expect(undone.result?.restored == ids[3])
        #expect(undone.result?.current == ids[3] && undone.result?.count == 4)
        #expect(try client.call(PhotosGet.self, .init(id: ids[3])).trashedAt == nil)
        #expect(try ask("undo").result?.restored == nil)

        let cats = try ask("how many photos of cats do I have")
        #expect(cats.intent.name == "count" && cats.slots.tags == ["cat"])
        #expect(cats.result?.count == 1 && cats.result?.message == "1 photo of cat")
        let search = try ask("please show me pictures of cats")
        #expect(search.result?.photos == [ids[0]] && search.result?.current == ids[0])
        #expect(try ask("find photos of giraffes").result?.message == "no photos of giraffe")
        #expect(try ask("close the gallery").result?.current == nil)
        #expect(try ask("next").result?.count == 0)

        let nonsense = try ask("what's the weather tomorrow")
        #expect(nonsense.intent == .init(name: "none", confidence: 0))
        #expect(nonsense.result == nil && nonsense.reason?.hasPrefix("not a command") == true)
        let raw = try client.raw(#"{"jsonrpc":"2.0","id":9,"method":"assistant.command","params":{"text":"hello"}}"#)
        #expect(raw["result"]?["result"] == .null)
        #expect(
            client.expectError(AssistantCommand.self, .init(text: String(repeating: "a ", count: 600)))?.code
                == .invalidParams)
    }

    @Test func sessionsArePerConnectionUnlessNamed() throws {
        let daemon = try DaemonHarness().start()
        let first = try daemon.client()
        let second = try daemon.client()
        let ids = try VoiceFixtures.upload(Self.names, with: first)
        func ask(_ client: RPCClient, _ text: String, session: String? = nil) throws -> CommandOutcome? {
            try client.call(AssistantCommand.self, .init(text: text, session: session)).result
        }

        #expect(try ask(first, "show all photos")?.count == 4)
        #expect(try ask(second, "next")?.count == 0, "the second connection has a view of its own")
        #expect(try ask(first, "next")?.position == 2)

        #expect(try ask(first, "show all photos", session: "kitchen")?.position == 1)
        #expect(try ask(second, "next", session: "kitchen")?.position == 2, "a named session is shared")
        #expect(try ask(first, "next", session: "kitchen")?.current == ids[1])
        #expect(try ask(first, "previous")?.position == 1, "the connection's own view did not move")

        #expect(first.expectError(AssistantCommand.self, .init(text: "next", session: ""))?.code == .invalidParams)
        let long = String(repeating: "x", count: 65)
        #expect(first.expectError(AssistantCommand.self, .init(text: "next", session: long))?.code == .invalidParams)
    }

    @Test func withoutASpeechModelTypedCommandsStillWork() throws {
        let daemon = try DaemonHarness(
            arguments: ["--recognizer", "pocketsphinx", "--speech-model-dir", "/nonexistent/gaillery-model"]
        ).start()
        let client = try daemon.client()
        var error = try #require(client.expectError(VoiceCommand.self, .init(path: "/nonexistent.wav")))
        for _ in 0..<100 where error.data != nil {  // "still loading, retry": the failure is moments away
            usleep(50_000)
            error = try #require(client.expectError(VoiceCommand.self, .init(path: "/nonexistent.wav")))
        }
        #expect(error.code == .unavailable)
        #expect(error.message.contains("pocketsphinx-en-us"), "\(error.message)")
        #expect(error.data == nil, "no retry hint: waiting will not help")
        #expect(client.expectError(VoiceListen.self, .init())?.code == .unavailable)
        let typed = try client.call(AssistantCommand.self, .init(text: "show all photos"))
        #expect(typed.intent.name == "all" && typed.result?.count == 0)
        #expect(try client.call(DaemonStatus.self, NoParams()).pid == daemon.process?.processIdentifier)
    }
}
