import GailleryProtocol
import GailleryRPC

extension Daemon {
    /// `voice.command`: recognizes the clip and carries the command out (`VoiceService.command`).
    func voiceCommand(_ params: VoiceCommand.Params, _ connection: RPCConnection) async throws -> CommandResult {
        try refuseWhileStopping(VoiceCommand.method)
        return try await voice.command(params, connection)
    }

    /// `voice.listen`: records, recognizes and carries the command out (`VoiceService.listen`).
    func voiceListen(_ params: VoiceListen.Params, _ connection: RPCConnection) async throws -> CommandResult {
        try refuseWhileStopping(VoiceListen.method)
        return try await voice.listen(params, connection)
    }

    /// `voice.record`: one utterance from the microphone as a WAV (`VoiceService.record`).
    func voiceRecord(_ params: VoiceRecord.Params) async throws -> VoiceRecord.Result {
        try refuseWhileStopping(VoiceRecord.method)
        return try await voice.record(params)
    }

    /// `assistant.command`: a typed command carried out like a spoken one (`VoiceService.assistant`).
    func assistantCommand(_ params: AssistantCommand.Params, _ connection: RPCConnection) async throws -> CommandResult
    {
        try refuseWhileStopping(AssistantCommand.method)
        return try await voice.assistant(params, connection)
    }
}
