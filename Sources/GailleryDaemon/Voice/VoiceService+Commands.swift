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
        let started = ContinuousClock.now
        let input = try VoiceAudioInput(params, passed: connection.passedFile)
        let slot = try sessions.slot(named: params.session, connection: connection)
        let queue = try recognitionQueue()
        let audio = try await blocking { try input.read() }
        let readMs = Milliseconds.since(started)
        let recognized = try await recognize(audio, with: queue, overCapacity: false)
        return try await respond(recognized, readMs: readMs, in: slot, started: started)
    }

    /// `voice.listen`: records from the microphone on a capture thread (one capture at a time) until
    /// speech ends or `max_seconds` pass, then recognizes and carries out the command like `voice.command`.
    ///
    /// - Throws: `RPCError` as `command` does, and busy while another capture runs.
    func listen(_ params: VoiceListen.Params, _ connection: RPCConnection) async throws -> CommandResult {
        let seconds = params.maxSeconds ?? configuration.defaultListenSeconds
        let source = try captureSource(device: params.device, maxSeconds: seconds)
        let slot = try sessions.slot(named: params.session, connection: connection)
        let queue = try recognitionQueue()
        let captured = try await capture(from: source, maxSeconds: seconds)
        let started = ContinuousClock.now
        // A capture is already bounded by the one-microphone rule, so it is never refused as full.
        let recognized = try await recognize(captured.audio, with: queue, overCapacity: true)
        return try await respond(recognized, readMs: 0, in: slot, started: started)
    }

    /// `assistant.command`: parses typed text with the intent parser (and the speech grammar's tag
    /// phrases, once the recognizer is loaded) and carries it out in the session.
    ///
    /// - Throws: `RPCError` invalid params for a text too long or a bad session name, or a store failure.
    func assistant(_ params: AssistantCommand.Params, _ connection: RPCConnection) async throws -> CommandResult {
        let started = ContinuousClock.now
        guard params.text.count <= Self.maximumCommandLength else {
            throw RPCError.invalidParams(
                "params.text is \(params.text.count) characters; a command has at most "
                    + "\(Self.maximumCommandLength)"
            )
        }
        let slot = try sessions.slot(named: params.session, connection: connection)
        let parsed = IntentParser(phrases: phrases).parse(text: params.text)
        let outcome = try await perform(parsed, in: slot)
        return CommandResult(
            transcript: params.text.trimmingCharacters(in: .whitespacesAndNewlines),
            intent: .init(name: parsed.intent.rawValue, confidence: parsed.intent == .none ? 0 : 1),
            slots: .init(tags: parsed.tags.map(\.rawValue)), result: outcome, speech: nil,
            timingsMs: .init(features: 0, decode: 0, total: Milliseconds.since(started)), reason: parsed.reason)
    }

    /// The recognition queue, or why speech is not available.
    ///
    /// - Throws: `RPCError` unavailable (loading, or the reason it cannot work), or shutting down.
    func recognitionQueue() throws -> RecognitionQueue {
        switch current {
        case .ready(_, let queue): return queue
        case .loading:
            throw RPCError(
                .unavailable,
                "the speech recognizer is still loading (about a second after start-up); retry shortly",
                data: .object(["retry_after_ms": .int(500)]))
        case .unavailable(let reason): throw RPCError(.unavailable, "\(reason)")
        case .stopped:
            throw RPCError(.shuttingDown, "gailleryd is shutting down; retry once it has restarted")
        }
    }

    /// Recognizes `audio` on a recognizer thread, mapping a full queue to "busy".
    private func recognize(
        _ audio: PCMAudio, with queue: RecognitionQueue, overCapacity: Bool
    ) async throws -> RecognitionResult {
        do {
            return try await queue.recognize(audio, overCapacity: overCapacity)
        } catch is RecognitionQueue.Full {
            throw RPCError(
                .busy,
                "every speech recognizer is busy and \(queue.capacity) commands are waiting; retry shortly",
                data: .object(["retry_after_ms": .int(200), "queue_depth": .int(Int64(queue.depth))]))
        } catch is RecognitionQueue.Stopped {
            throw RPCError(.shuttingDown, "gailleryd is shutting down; retry once it has restarted")
        } catch let error as SpeechError {
            logger.error("speech recognition failed", metadata: ["error": "\(error)"])
            throw RPCError(.internalError, "speech recognition failed: \(error)")
        }
    }

    /// Carries out what was recognized and builds the Rhasspy-like result.
    private func respond(
        _ recognized: RecognitionResult, readMs: Double, in slot: SessionStore.Slot, started: ContinuousClock.Instant
    ) async throws -> CommandResult {
        let outcome = try await perform(recognized.parsed, in: slot)
        logger.debug(
            "voice command",
            metadata: [
                "transcript": "\(recognized.transcript)", "heard": "\(recognized.heard ?? "")",
                "intent": "\(recognized.intent.name)",
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
            reason: recognized.reason, heard: recognized.heard)
    }
}
