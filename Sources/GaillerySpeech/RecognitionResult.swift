import GailleryCore

/// What the recognizer made of one clip, shaped like Rhasspy's intent JSON (the daemon adds `result`):
/// `{transcript, intent: {name, confidence}, slots: {tags}, speech: {start_ms, end_ms},
/// timings_ms: {features, decode, total}}`, plus `reason` when the intent is `none`.
package struct RecognitionResult: Sendable, Equatable, Codable {
    /// The recognised intent and how sure the recognizer is.
    package struct IntentValue: Sendable, Equatable, Codable {
        /// The intent; `none` when nothing was understood.
        package var name: Intent
        /// 0...1: the rejection score (`RejectionModel`) through a logistic curve centred on the threshold
        /// (0.5 = at the threshold; below it the intent is `none`); 0 without speech or without a path.
        package var confidence: Double
    }

    /// Where speech was found in the clip, in milliseconds from its start.
    package struct SpeechSpan: Sendable, Equatable, Codable {
        /// Start of speech (ms), padding included.
        package var startMs: Int
        /// End of speech (ms), padding included.
        package var endMs: Int

        enum CodingKeys: String, CodingKey {
            case startMs = "start_ms"
            case endMs = "end_ms"
        }
    }

    /// Wall-clock time spent, in milliseconds.
    package struct Timings: Sendable, Equatable, Codable {
        /// Resampling, front end and endpointing.
        package var features: Double
        /// Both decoder searches (grammar and phone loop).
        package var decode: Double
        /// Everything, including parsing the transcript.
        package var total: Double
    }

    /// The grammar's best word sequence ("show me photos of dogs"); empty when there was no speech or
    /// no path, and kept (for the log) even when the clip was rejected.
    package var transcript: String
    /// What the recognizer heard without the grammar (Moonshine's free transcript, as it wrote it:
    /// "Show me photos of cats."); nil for recognizers that have none (pocketsphinx).
    package var heard: String?
    /// The intent and its confidence.
    package var intent: IntentValue
    /// The slots (tags for search and count); empty when rejected.
    package var slots: IntentSlots
    /// The speech span; nil when there was no speech.
    package var speech: SpeechSpan?
    /// Time spent per stage.
    package var timings: Timings
    /// Why the intent is `none` ("no speech", "not sure what was said ..."); nil otherwise.
    package var reason: String?
    /// The decoder's evidence for accepting or rejecting; not encoded.
    package var evidence: RecognitionEvidence?

    enum CodingKeys: String, CodingKey {
        case transcript, heard, intent, slots, speech, reason
        case timings = "timings_ms"
    }

    /// The result as a parsed intent (for the same dispatch as typed commands).
    package var parsed: ParsedIntent {
        var parsed = ParsedIntent(intent.name, tags: slots.tags)
        parsed.reason = reason
        return parsed
    }
}
