import Foundation
import GailleryAdaptation
import GailleryAudio
import GailleryProtocol
import GaillerySpeech

extension VoiceService {
    /// `voice.prompts`: the enrollment sentences and how many recordings `voice.enroll` takes.
    func prompts() -> VoicePrompts.Result {
        VoicePrompts.Result(
            prompts: EnrollmentPrompts.sentences, minimum: SpeakerAdapter.recordingLimits.lowerBound,
            maximum: SpeakerAdapter.recordingLimits.upperBound)
    }

    /// `voice.enroll`: reads every recording, adapts the acoustic model to the voice on a thread of its
    /// own, and switches the recognizers to it.
    ///
    /// - Throws: `RPCError` for invalid params, unreadable audio, a busy or loading recognizer, or a
    ///   failed adaptation.
    func enroll(_ params: VoiceEnroll.Params) async throws -> VoiceEnroll.Result {
        let started = ContinuousClock.now
        _ = try recognitionQueue()
        let limits = SpeakerAdapter.recordingLimits
        guard limits.contains(params.recordings.count) else {
            let advice =
                params.recordings.count < limits.lowerBound
                ? "record more of the sentences from voice.prompts" : "send at most \(limits.upperBound)"
            throw RPCError.invalidParams(
                "params.recordings must hold \(limits.lowerBound) to \(limits.upperBound) recordings, got "
                    + "\(params.recordings.count); \(advice)")
        }
        let inputs = try params.recordings.enumerated().map { index, recording in
            let audio = VoiceCommand.Params(
                path: recording.path, data: recording.data, format: recording.format, sampleRate: recording.sampleRate,
                channels: recording.channels)
            return (try Self.recording(index) { try VoiceAudioInput(audio) }, recording.text)
        }
        let recordings = try await blocking {
            try inputs.enumerated().map { index, input in
                EnrollmentRecording(audio: try Self.recording(index) { try input.0.read() }, text: input.1)
            }
        }
        let readMs = Milliseconds.since(started)
        let (report, reloadMs) = try await runEnrollment { [self] in try adapt(recordings) }
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
    ///
    /// - Throws: `RPCError` busy, unavailable, or internal when the base model cannot be reloaded.
    func forget() async throws -> VoiceForget.Result {
        VoiceForget.Result(removed: try await runEnrollment { [self] in try forgetEnrollment() })
    }

    /// Adapts the recognizers to the speaker of `recordings` (see `SpeakerAdapter`), installs the model
    /// in the speaker directory, and switches every recognizer to it. Blocking (seconds). Returns the
    /// report and the milliseconds the switch took.
    ///
    /// - Throws: `NotReady`, `EnrollmentBusy`, `AdaptationError`, or `SpeechError` when the adapted model
    ///   cannot be loaded (it is then removed and the recognizers keep the model they had).
    func adapt(_ recordings: [EnrollmentRecording]) throws -> (AdaptationReport, Double) {
        guard case .ready(let recognizers, _) = current, let directory = configuration.speakerDirectory else {
            throw NotReady()
        }
        try beginEnrollment()
        defer { endEnrollment() }
        let place = SpeakerModelDirectory(directory: directory)
        let adapter = SpeakerAdapter(base: configuration.speechModel, tools: configuration.adaptationTools)
        let report = try adapter.adapt(recordings, into: place)
        let started = ContinuousClock.now
        do {
            // Enrollment adapts pocketsphinx; with Moonshine running it is installed for `--recognizer pocketsphinx`.
            try (recognizers as? RecognizerPool)?.reconfigure(recognizerConfiguration(enrolled: report.model))
        } catch {
            _ = try? place.remove()
            adaptation = .none
            throw error
        }
        adaptation = .adapted(report.model, report.profile)
        logger.notice(
            "speech recognizer adapted to the enrolled voice",
            metadata: [
                "recordings": "\(report.profile.recordings)", "fit before": "\(report.profile.fitBefore)",
                "fit after": "\(report.profile.fitAfter)",
            ])
        return (report, Milliseconds.since(started))
    }

    /// Removes the voice enrollment and returns the recognizers to the base model; false when there was
    /// none. Blocking.
    ///
    /// - Throws: `NotReady` while the recognizer loads, `EnrollmentBusy`, or the error of reloading.
    func forgetEnrollment() throws -> Bool {
        guard let directory = configuration.speakerDirectory else { return false }
        let pool: RecognizerPool?
        switch current {
        case .ready(let ready, _): pool = ready as? RecognizerPool
        case .unavailable: pool = nil
        case .loading, .stopped: throw NotReady()
        }
        try beginEnrollment()
        defer { endEnrollment() }
        if let pool, pool.model != configuration.speechModel {
            try pool.reconfigure(recognizerConfiguration(enrolled: nil))
        }
        adaptation = .none
        return try SpeakerModelDirectory(directory: directory).remove()
    }

    /// The model adapted by an earlier `voice.enroll`, if one is installed and usable; records what was found.
    func enrolledModel() -> SpeechModel? {
        guard let directory = configuration.speakerDirectory else { return nil }
        let place = SpeakerModelDirectory(directory: directory)
        place.removeStrays()
        let found = place.load(base: configuration.speechModel)
        adaptation = found
        switch found {
        case .adapted(let model, _): return model
        case .unusable(let reason):
            logger.warning("voice enrollment not used", metadata: ["reason": "\(reason)"])
            return nil
        case .none: return nil
        }
    }

    /// Runs `body` on a thread of its own (it takes seconds, longer than the pool should be held),
    /// mapping its errors to JSON-RPC errors.
    private func runEnrollment<T: Sendable>(
        _ body: @escaping @Sendable () throws -> T
    ) async throws -> T {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let thread = Thread { continuation.resume(with: Result { try body() }) }
                thread.name = "gaillery-enroll"
                thread.start()
            }
        } catch is EnrollmentBusy {
            throw RPCError(
                .busy, "another enrollment is running; retry when it is done",
                data: .object(["retry_after_ms": .int(5000)]))
        } catch is NotReady {
            throw RPCError(
                .unavailable, "the speech recognizer is loading; retry shortly",
                data: .object(["retry_after_ms": .int(500)]))
        } catch let error as AdaptationError {
            switch error.kind {
            case .recordings: throw RPCError.invalidParams("\(error)")
            case .model: throw RPCError(.unavailable, "\(error)")
            case .tool:
                logger.error("voice enrollment failed", metadata: ["error": "\(error)"])
                throw RPCError(.internalError, "\(error)")
            }
        } catch let error as SpeechError {
            logger.error("the enrolled voice's model could not be loaded", metadata: ["error": "\(error)"])
            throw RPCError(
                .internalError, "the adapted model could not be loaded (\(error)); it was removed")
        }
    }

    /// Runs `body` for recording `index`, naming it in the error: "recording 3: the data is not WAV…".
    private static func recording<T>(_ index: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as RPCError {
            error.message = "recording \(index + 1): " + error.message
            throw error
        }
    }
}
