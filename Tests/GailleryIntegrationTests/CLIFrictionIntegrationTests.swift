import Foundation
import GailleryProtocol
import GailleryRPC
import Testing

/// What a new user hit, through the built `gaillery` against the real daemon.
@Suite struct CLIFrictionIntegrationTests {
    @Test func enrollRecordSaysThereIsNoMicrophoneBeforeAskingToRead() throws {
        let daemon = try DaemonHarness(arguments: ["--capture-device", "plughw:97,0"]).start()
        let environment = ["GAILLERY_SOCKET": daemon.socketPath]
        // The daemon loads its recognizer in the background; voice methods answer "unavailable" until then.
        try VoiceFixtures.waitForSpeech(try daemon.client(), directory: daemon.root)
        let run = try LauncherCLITests.gaillery(
            ["enroll", "--record", daemon.root.appendingPathComponent("rec").path], environment: environment)
        #expect(run.status == 1)
        #expect(run.err.contains("plughw:97,0"), "\(run.err)")
        #expect(!run.err.contains("speak now"), "\(run.err)")
        #expect(!run.err.contains("voice.record"), "the error speaks of the microphone, not the RPC method")
    }

    @Test func versionIsTheDaemons() throws {
        let daemon = try DaemonHarness().start()
        let status = try daemon.client().call(DaemonStatus.self, NoParams())
        let run = try LauncherCLITests.gaillery(["--version"], environment: [:])
        #expect(run.status == 0)
        #expect(run.out == "gaillery \(status.version)\n")
    }
}
