import Foundation
import GailleryAudio
import GailleryProtocol

extension VoiceService {
    /// The length of a `voice.record` recording when the request gives none, in seconds.
    static let defaultRecordSeconds = 10.0

    /// `voice.record`: records one utterance from the microphone, as `voice.listen` does, and returns it
    /// as a 16 kHz mono 16-bit WAV without recognizing it (enrollment recordings, microphone checks).
    ///
    /// - Throws: `RPCError` invalid params, busy while another capture runs, unavailable when the device
    ///   cannot record.
    func record(_ params: VoiceRecord.Params) async throws -> VoiceRecord.Result {
        let seconds = params.maxSeconds ?? Self.defaultRecordSeconds
        let source = try captureSource(device: params.device, maxSeconds: seconds)
        let captured = try await capture(from: source, maxSeconds: seconds)
        let wav = WAVWriter.pcm16(captured.audio)
        return VoiceRecord.Result(
            data: Data(wav).base64EncodedString(),
            seconds: (captured.audio.duration * 1000).rounded() / 1000,
            speech: captured.speech.map { .init(startMs: $0.startMs, endMs: $0.endMs) })
    }

    /// Where to record from, after checking the request's device name and length.
    ///
    /// - Throws: `RPCError` invalid params naming the field.
    func captureSource(device: String?, maxSeconds seconds: Double) throws -> CaptureSource {
        guard seconds > 0, seconds <= CaptureSettings.maximumSeconds else {
            throw RPCError.invalidParams(
                "params.max_seconds must be more than 0 and at most "
                    + "\(Int(CaptureSettings.maximumSeconds)), got \(seconds)"
            )
        }
        if let device, device.isEmpty || device.contains(where: \.isNewline) || device.utf8.contains(0) {
            throw RPCError.invalidParams(
                "params.device must be an ALSA PCM name such as \"default\" or \"plughw:1,0\"")
        }
        return device.map(CaptureSource.device) ?? configuration.captureSource
    }

    /// Records from `source` on a capture thread until speech ends or `maxSeconds` pass; one capture at
    /// a time.
    ///
    /// - Throws: `RPCError` busy while another capture runs, unavailable when the device cannot record.
    func capture(from source: CaptureSource, maxSeconds: Double) async throws -> CapturedAudio {
        guard beginCapture() else {
            throw RPCError(
                .busy, "the microphone is already recording for another request; retry when it is done",
                data: .object(["retry_after_ms": .int(1000)]))
        }
        do {
            defer { endCapture() }
            return try await AudioCapture(source: source).capture(maxSeconds: maxSeconds)
        } catch let error as CaptureError {
            throw RPCError(.unavailable, "\(error)")
        }
    }
}
