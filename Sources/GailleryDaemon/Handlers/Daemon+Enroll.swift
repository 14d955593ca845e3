import Foundation
import GailleryAdaptation
import GailleryAudio
import GailleryProtocol
import GailleryRPC
import GaillerySpeech

extension Daemon {
    /// `voice.prompts`: the enrollment sentences and how many recordings `voice.enroll` takes.
    func voicePrompts() -> VoicePrompts.Result {
        VoicePrompts.Result(
            prompts: EnrollmentPrompts.sentences, minimum: SpeakerAdapter.recordingLimits.lowerBound,
            maximum: SpeakerAdapter.recordingLimits.upperBound)
    }

    /// `voice.enroll`: reads every recording, adapts the acoustic model to the voice on a pool thread,
    /// and switches the recognizers to it.
    func voiceEnroll(_ params: VoiceEnroll.Params) async throws -> VoiceEnroll.Result {
        let method = VoiceEnroll.method
        let started = ContinuousClock.now
        try refuseWhileStopping(method)
        _ = try recognitionQueue(method: method)
        let limits = SpeakerAdapter.recordingLimits
        guard limits.contains(params.recordings.count) else {
            let advice =
                params.recordings.count < limits.lowerBound
                ? "record more of the sentences from voice.prompts" : "send at most \(limits.upperBound)"
            throw RPCError.invalidParams(
                "\(method): params.recordings must hold \(limits.lowerBound) to \(limits.upperBound) recordings, got "
                    + "\(params.recordings.count); \(advice)")
        }
        let inputs = try params.recordings.enumerated().map { index, recording in
            let audio = VoiceCommand.Params(
                path: recording.path, data: recording.data, format: recording.format, sampleRate: recording.sampleRate,
                channels: recording.channels)
            return (try VoiceAudioInput(audio, method: "\(method): recording \(index + 1)"), recording.text)
        }
        let recordings = try await blocking {
            try inputs.enumerated().map { index, input in
                EnrollmentRecording(audio: try input.0.read(method: "\(method): recording \(index + 1)"), text: input.1)
            }
        }
        let readMs = Milliseconds.since(started)
        let voice = voice
        let (report, reloadMs) = try await runEnrollment(method) { try voice.enroll(recordings) }
        let timings = report.timings
        return VoiceEnroll.Result(
            recordings: report.profile.recordings, ignored: report.ignored.map { $0 + 1 },
            speechSeconds: report.profile.speechSeconds,
            fit: .init(before: report.profile.fitBefore, after: report.profile.fitAfter),
            timingsMs: .init(
                read: readMs, features: timings.features, statistics: timings.statistics, map: timings.map,
                check: timings.check, install: timings.install,
                reload: reloadMs, total: Milliseconds.since(started)))
    }

    /// `voice.forget`: removes the enrollment and returns the recognizers to the base model.
    func voiceForget() async throws -> VoiceForget.Result {
        let method = VoiceForget.method
        try refuseWhileStopping(method)
        let voice = voice
        return VoiceForget.Result(removed: try await runEnrollment(method) { try voice.forget() })
    }

    /// Runs `body` on a thread of its own (it takes seconds, longer than the pool should be held),
    /// mapping its errors to JSON-RPC errors.
    private func runEnrollment<T: Sendable>(_ method: String, _ body: @escaping @Sendable () throws -> T) async throws
        -> T
    {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let thread = Thread { continuation.resume(with: Result { try body() }) }
                thread.name = "gaillery-enroll"
                thread.start()
            }
        } catch is VoiceService.EnrollmentBusy {
            throw RPCError(
                .busy, "\(method): another enrollment is running; retry when it is done",
                data: .object(["retry_after_ms": .int(5000)]))
        } catch is VoiceService.NotReady {
            throw RPCError(
                .unavailable, "\(method): the speech recognizer is loading; retry shortly",
                data: .object(["retry_after_ms": .int(500)]))
        } catch let error as AdaptationError {
            switch error.kind {
            case .recordings: throw RPCError.invalidParams("\(method): \(error)")
            case .model: throw RPCError(.unavailable, "\(method): \(error)")
            case .tool:
                logger.error("voice enrollment failed", metadata: ["error": "\(error)"])
                throw RPCError(.internalError, "\(method): \(error)")
            }
        } catch let error as SpeechError {
            logger.error("the enrolled voice's model could not be loaded", metadata: ["error": "\(error)"])
            throw RPCError(
                .internalError, "\(method): the adapted model could not be loaded (\(error)); it was removed")
        }
    }
}
