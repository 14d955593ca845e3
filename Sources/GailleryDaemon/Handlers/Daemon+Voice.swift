import Foundation
import GailleryAudio
import GailleryProtocol
import GailleryRPC
import GaillerySpeech

extension Daemon {
    /// `voice.command`: reads the audio (WAV or raw s16le, from a path or base64), recognizes it on a
    /// recognizer thread, and carries the command out in the session.
    func voiceCommand(_ params: VoiceCommand.Params, _ connection: RPCConnection) async throws -> CommandResult {
        let method = VoiceCommand.method
        let started = ContinuousClock.now
        try refuseWhileStopping(method)
        let input = try VoiceAudioInput(params, method: method)
        let slot = try sessions.slot(named: params.session, connection: connection, method: method)
        let queue = try recognitionQueue(method: method)
        let audio = try await blocking { try input.read(method: method) }
        let readMs = Milliseconds.since(started)
        let recognized = try await recognize(audio, with: queue, overCapacity: false, method: method)
        return try await respond(recognized, readMs: readMs, in: slot, started: started, method: method)
    }

    /// `voice.listen`: records from the microphone on a capture thread (one capture at a time) until
    /// speech ends or `max_seconds` pass, then recognizes and carries out the command like `voice.command`.
    func voiceListen(_ params: VoiceListen.Params, _ connection: RPCConnection) async throws -> CommandResult {
        let method = VoiceListen.method
        try refuseWhileStopping(method)
        let seconds = params.maxSeconds ?? voice.configuration.defaultListenSeconds
        let source = try captureSource(device: params.device, maxSeconds: seconds, method: method)
        let slot = try sessions.slot(named: params.session, connection: connection, method: method)
        let queue = try recognitionQueue(method: method)
        let captured = try await capture(from: source, maxSeconds: seconds, method: method)
        let started = ContinuousClock.now
        let recognized = try await recognize(captured.audio, with: queue, overCapacity: true, method: method)
        return try await respond(recognized, readMs: 0, in: slot, started: started, method: method)
    }

    /// Where to record from, after checking the request's device name and length.
    ///
    /// - Throws: `RPCError` invalid params naming the field.
    func captureSource(device: String?, maxSeconds seconds: Double, method: String) throws -> CaptureSource {
        guard seconds > 0, seconds <= CaptureSettings.maximumSeconds else {
            throw RPCError.invalidParams(
                "\(method): params.max_seconds must be more than 0 and at most "
                    + "\(Int(CaptureSettings.maximumSeconds)), got \(seconds)"
            )
        }
        if let device, device.isEmpty || device.contains(where: \.isNewline) || device.utf8.contains(0) {
            throw RPCError.invalidParams(
                "\(method): params.device must be an ALSA PCM name such as \"default\" or \"plughw:1,0\"")
        }
        return device.map(CaptureSource.device) ?? voice.configuration.captureSource
    }

    /// Records from `source` on a capture thread until speech ends or `maxSeconds` pass; one capture at
    /// a time.
    ///
    /// - Throws: `RPCError` busy while another capture runs, unavailable when the device cannot record.
    func capture(from source: CaptureSource, maxSeconds: Double, method: String) async throws -> CapturedAudio {
        guard voice.beginCapture() else {
            throw RPCError(
                .busy, "\(method): the microphone is already recording for another request; retry when it is done",
                data: .object(["retry_after_ms": .int(1000)]))
        }
        do {
            defer { voice.endCapture() }
            return try await AudioCapture(source: source).capture(maxSeconds: maxSeconds)
        } catch let error as CaptureError {
            throw RPCError(.unavailable, "\(method): \(error)")
        }
    }

    /// The recognition queue, or why speech is not available.
    func recognitionQueue(method: String) throws -> RecognitionQueue {
        switch voice.current {
        case .ready(_, let queue): return queue
        case .loading:
            throw RPCError(
                .unavailable,
                "\(method): the speech recognizer is still loading (about a second after start-up); retry shortly",
                data: .object(["retry_after_ms": .int(500)]))
        case .unavailable(let reason): throw RPCError(.unavailable, "\(method): \(reason)")
        case .stopped:
            throw RPCError(.shuttingDown, "\(method): gailleryd is shutting down; retry once it has restarted")
        }
    }

    /// Recognizes `audio` on a recognizer thread, mapping a full queue to "busy".
    private func recognize(
        _ audio: PCMAudio, with queue: RecognitionQueue, overCapacity: Bool, method: String
    ) async throws -> RecognitionResult {
        do {
            return try await queue.recognize(audio, overCapacity: overCapacity)
        } catch is RecognitionQueue.Full {
            throw RPCError(
                .busy,
                "\(method): every speech recognizer is busy and \(queue.capacity) commands are waiting; retry shortly",
                data: .object(["retry_after_ms": .int(200), "queue_depth": .int(Int64(queue.depth))]))
        } catch is RecognitionQueue.Stopped {
            throw RPCError(.shuttingDown, "\(method): gailleryd is shutting down; retry once it has restarted")
        } catch let error as SpeechError {
            logger.error("speech recognition failed", metadata: ["method": "\(method)", "error": "\(error)"])
            throw RPCError(.internalError, "\(method): speech recognition failed: \(error)")
        }
    }

    /// Carries out what was recognized and builds the Rhasspy-like result.
    private func respond(
        _ recognized: RecognitionResult, readMs: Double, in slot: SessionStore.Slot, started: ContinuousClock.Instant,
        method: String
    ) async throws -> CommandResult {
        let outcome = try await perform(recognized.parsed, in: slot, method: method)
        logger.debug(
            "voice command",
            metadata: [
                "transcript": "\(recognized.transcript)", "intent": "\(recognized.intent.name)",
                "confidence": "\(recognized.intent.confidence)", "reason": "\(recognized.reason ?? "")",
            ])
        return CommandResult(
            transcript: recognized.transcript,
            intent: .init(name: recognized.intent.name.rawValue, confidence: recognized.intent.confidence),
            slots: .init(tags: recognized.slots.tags.map(\.rawValue)), result: outcome,
            speech: recognized.speech.map { .init(startMs: $0.startMs, endMs: $0.endMs) },
            timingsMs: .init(
                features: ((readMs + recognized.timings.features) * 100).rounded() / 100,
                decode: recognized.timings.decode, total: Milliseconds.since(started)),
            reason: recognized.reason)
    }
}
