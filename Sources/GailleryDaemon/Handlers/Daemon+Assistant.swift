import Foundation
import GailleryCore
import GailleryProtocol
import GailleryRPC

extension Daemon {
    /// The longest typed command accepted, in characters.
    static let maximumCommandLength = 1000

    /// `assistant.command`: parses typed text with the intent parser (and the speech grammar's tag
    /// phrases, once the recognizer is loaded) and carries it out in the session.
    func assistantCommand(_ params: AssistantCommand.Params, _ connection: RPCConnection) async throws -> CommandResult
    {
        let method = AssistantCommand.method
        let started = ContinuousClock.now
        try refuseWhileStopping(method)
        guard params.text.count <= Self.maximumCommandLength else {
            throw RPCError.invalidParams(
                "\(method): params.text is \(params.text.count) characters; a command has at most "
                    + "\(Self.maximumCommandLength)"
            )
        }
        let slot = try sessions.slot(named: params.session, connection: connection, method: method)
        let parsed = IntentParser(phrases: voice.phrases).parse(text: params.text)
        let outcome = try await perform(parsed, in: slot, method: method)
        return CommandResult(
            transcript: params.text.trimmingCharacters(in: .whitespacesAndNewlines),
            intent: .init(name: parsed.intent.rawValue, confidence: parsed.intent == .none ? 0 : 1),
            slots: .init(tags: parsed.tags.map(\.rawValue)), result: outcome, speech: nil,
            timingsMs: .init(features: 0, decode: 0, total: Milliseconds.since(started)), reason: parsed.reason)
    }
}
