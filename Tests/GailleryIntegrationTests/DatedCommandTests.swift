import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// "show me photos of cats from 2024": a command's date phrase limits the view to photos taken then.
@Suite struct DatedCommandTests {
    @Test func aDatePhraseLimitsTheView() throws {
        let daemon = try DaemonHarness().start()
        let client = try daemon.client()
        // chelsea (a cat) carries no capture date: its date is the upload's, today.
        let ids = try VoiceFixtures.upload(["chelsea.png"], with: client)
        func ask(_ text: String) throws -> CommandResult { try client.call(AssistantCommand.self, .init(text: text)) }

        #expect(try ask("show me photos of cats").result?.photos == ids)
        for phrase in ["from 2024", "taken in june 2023", "from last summer", "before 2020"] {
            let shown = try ask("show me photos of cats \(phrase)")
            #expect(shown.intent.name == "search", "\(phrase)")
            #expect(shown.result?.photos ?? [] == [], "\(phrase)")
            #expect(shown.result?.message == "no photos of cat \(phrase)", "\(phrase)")
        }
        for phrase in ["since 2020", "from this year"] {
            #expect(try ask("show me photos of cats \(phrase)").result?.photos == ids, "\(phrase)")
        }
        #expect(try ask("how many photos of cats from 2024").result?.count == 0)
        #expect(try ask("how many photos of cats").result?.count == 1)
    }
}
