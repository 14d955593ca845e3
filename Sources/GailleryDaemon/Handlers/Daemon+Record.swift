import Foundation
import GailleryAudio
import GailleryProtocol
import GailleryRPC

extension Daemon {
    /// The length of a `voice.record` recording when the request gives none, in seconds.
    static let defaultRecordSeconds = 10.0

    /// `voice.record`: records one utterance from the microphone, as `voice.listen` does, and returns it
    /// as a 16 kHz mono 16-bit WAV without recognizing it (enrollment recordings, microphone checks).
    func voiceRecord(_ params: VoiceRecord.Params) async throws -> VoiceRecord.Result {
        let method = VoiceRecord.method
        try refuseWhileStopping(method)
        let seconds = params.maxSeconds ?? Self.defaultRecordSeconds
        let source = try captureSource(device: params.device, maxSeconds: seconds, method: method)
        let captured = try await capture(from: source, maxSeconds: seconds, method: method)
        let wav = WAVWriter.pcm16(captured.audio)
        return VoiceRecord.Result(
            data: Data(wav).base64EncodedString(),
            seconds: (captured.audio.duration * 1000).rounded() / 1000,
            speech: captured.speech.map { .init(startMs: $0.startMs, endMs: $0.endMs) })
    }
}
