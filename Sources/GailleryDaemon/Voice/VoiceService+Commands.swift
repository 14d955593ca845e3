import Foundation
import GailleryAudio
import GailleryCore
import GailleryProtocol
import GailleryRPC
import GaillerySpeech

extension VoiceService {
    /// The longest typed command accepted, in characters.
    static let maximumCommandLength = 1000

    /// `voice.command`: reads the audio (WAV or raw s16le, from a path or base64), recognizes it on a
    /// recognizer thread, and carries the command out in the session (`connection`'s own unless named).
    ///
    /// - Throws: `RPCError`: invalid params or audio, busy when the queue is full, unavailable while the
    ///   recognizer loads or when it cannot, a store failure.
    func command(_ params: VoiceCommand.Params, _ connection: RPCConnection) async throws -> CommandResult {
        let method = VoiceCommand.method
        let started = ContinuousClock.now
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
    ///
    /// - Throws: `RPCError` as `command` does, and busy while another capture runs.
    func listen(_ params: VoiceListen.Params, _ connection: RPCConnection) async throws -> CommandResult {
        let method = VoiceListen.method
        let seconds = params.maxSeconds ?? configuration.defaultListenSeconds
        let source = try captureSource(device: params.device, maxSeconds: seconds, method: method)
        let slot = try sessions.slot(named: params.session, connection: connection, method: method)
        let queue = try recognitionQueue(method: method)
        let captured = try await capture(from: source, maxSeconds: seconds, method: method)
        let started = ContinuousClock.now
        // A capture is already bounded by the one-microphone rule, so it is never refused as full.
        let recognized = try await recognize(captured.audio, with: queue, overCapacity: true, method: method)
        return try await respond(recognized, readMs: 0, in: slot, started: started, method: method)
    }

    /// `assistant.command`: parses typed text with the intent parser (and the speech grammar's tag
    /// phrases, once the recognizer is loaded) and carries it out in the session.
    ///
    /// - Throws: `RPCError` invalid params for a text too long or a bad session name, or a store failure.
    func assistant(_ params: AssistantCommand.Params, _ connection: RPCConnection) async throws -> CommandResult {
        let method = AssistantCommand.method
        let started = ContinuousClock.now
        guard params.text.count <= Self.maximumCommandLength else {
            throw RPCError.invalidParams(
                "\(method): params.text is \(params.text.count) characters; a command has at most "
                    + "\(Self.maximumCommandLength)"
            )
        }
        let slot = try sessions.slot(named: params.session, connection: connection, method: method)
        let parsed = IntentParser(phrases: phrases).parse(text: params.text)
        let outcome = try await perform(parsed, in: slot, method: method)
        return CommandResult(
            transcript: params.text.trimmingCharacters(in: .whitespacesAndNewlines),
            intent: .init(name: parsed.intent.rawValue, confidence: parsed.intent == .none ? 0 : 1),
            slots: .init(tags: parsed.tags.map(\.rawValue)), result: outcome, speech: nil,
            timingsMs: .init(features: 0, decode: 0, total: Milliseconds.since(started)), reason: parsed.reason)
    }

    /// The recognition queue, or why speech is not available.
    ///
    /// - Throws: `RPCError` unavailable (loading, or the reason it cannot work), or shutting down.
    func recognitionQueue(method: String) throws -> RecognitionQueue {
        switch current {
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
