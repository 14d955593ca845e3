import GailleryProtocol

extension Daemon {
    /// `voice.prompts`: the enrollment sentences (`VoiceService.prompts`).
    func voicePrompts() -> VoicePrompts.Result { voice.prompts() }

    /// `voice.enroll`: adapts the recognizers to the user's voice (`VoiceService.enroll`).
    func voiceEnroll(_ params: VoiceEnroll.Params) async throws -> VoiceEnroll.Result {
        try refuseWhileStopping(VoiceEnroll.method)
        return try await voice.enroll(params)
    }

    /// `voice.forget`: removes the enrollment (`VoiceService.forget`).
    func voiceForget() async throws -> VoiceForget.Result {
        try refuseWhileStopping(VoiceForget.method)
        return try await voice.forget()
    }
}
