import GailleryProtocol
import GailleryRPC

/// The voice and assistant methods: each calls `VoiceService`, which owns recognizers, sessions,
/// vocabulary, enrollment and the microphone. Those that start work are refused while stopping.
struct VoiceHandlers: Sendable {
    let voice: VoiceService

    /// Adds these methods to `router`.
    func register(on router: inout RPCRouter) {
        router.register(VoiceCommand.self) { [voice] params, connection in try await voice.command(params, connection) }
        router.register(VoiceListen.self) { [voice] params, connection in try await voice.listen(params, connection) }
        router.register(VoiceRecord.self) { [voice] params, _ in try await voice.record(params) }
        router.register(VoicePrompts.self) { [voice] _, _ in voice.prompts() }
        router.register(VoiceEnroll.self) { [voice] params, _ in try await voice.enroll(params) }
        router.register(VoiceForget.self) { [voice] _, _ in try await voice.forget() }
        router.register(AssistantCommand.self) { [voice] params, connection in
            try await voice.assistant(params, connection)
        }
        router.refusedWhileStopping.formUnion([
            VoiceCommand.method, VoiceListen.method, VoiceRecord.method, VoiceEnroll.method, VoiceForget.method,
            AssistantCommand.method,
        ])
    }
}
