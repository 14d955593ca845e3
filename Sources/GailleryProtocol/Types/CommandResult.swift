/// What `voice.command`, `voice.listen` and `assistant.command` return, shaped like Rhasspy's intent JSON:
/// `{transcript, heard?, intent: {name, confidence}, slots: {tags}, result, speech?, timings_ms, reason?}`.
///
/// `result` is what the command did (`null` when the intent is `none`: nothing was done).
public struct CommandResult: Codable, Sendable, Equatable {
    /// The understood intent and how sure the recognizer is.
    public struct IntentInfo: Codable, Sendable, Equatable {
        /// `search`, `count`, `next`, `previous`, `close`, `latest`, `all`, `delete`, `undo` or `none`.
        public var name: String
        /// 0...1; 0.5 is the recognizer's rejection threshold; typed commands that parse are 1, others 0.
        public var confidence: Double

        /// Wraps an intent name and its confidence.
        public init(name: String, confidence: Double) {
            self.name = name
            self.confidence = confidence
        }
    }

    /// The command's slots.
    public struct Slots: Codable, Sendable, Equatable {
        /// Canonical tags (lowercase, singular) for `search` and `count`; empty otherwise.
        public var tags: [String]

        /// Wraps the tags.
        public init(tags: [String] = []) { self.tags = tags }
    }

    /// Where speech was found in the audio, in milliseconds from its start.
    public struct SpeechSpan: Codable, Sendable, Equatable {
        /// Start of speech (ms).
        public var startMs: Int
        /// End of speech (ms).
        public var endMs: Int

        /// Wraps a span in milliseconds.
        public init(startMs: Int, endMs: Int) {
            self.startMs = startMs
            self.endMs = endMs
        }
    }

    /// Time the daemon spent, in milliseconds.
    public struct Timings: Codable, Sendable, Equatable {
        /// Audio decoding, resampling, front end and endpointing (0 for typed text).
        public var features: Double
        /// The recognizer's searches (0 for typed text and for audio without speech).
        public var decode: Double
        /// Everything from the request's arrival to the reply: reading the audio, waiting for a
        /// recognizer, recognition, parsing and the action (for `voice.listen`, after capture ended).
        public var total: Double

        /// Wraps the three timings (ms).
        public init(features: Double, decode: Double, total: Double) {
            self.features = features
            self.decode = decode
            self.total = total
        }
    }

    /// What was understood: the allowed sentence the recognizer matched (spoken) or the text (typed);
    /// empty when there was no speech.
    public var transcript: String
    /// What the recognizer heard without the command grammar ("Show me photos of cats."), when it has such
    /// a transcript (Moonshine; not pocketsphinx, not typed commands).
    public var heard: String?
    /// The intent.
    public var intent: IntentInfo
    /// The slots.
    public var slots: Slots
    /// What the command did; nil (`null` on the wire) when the intent is `none`.
    public var result: CommandOutcome?
    /// The speech span, for audio with speech.
    public var speech: SpeechSpan?
    /// Time spent.
    public var timingsMs: Timings
    /// Why the intent is `none` ("no speech", "did not catch that: ..."); nil otherwise.
    public var reason: String?

    /// Creates a result.
    public init(
        transcript: String, intent: IntentInfo, slots: Slots, result: CommandOutcome?, speech: SpeechSpan?,
        timingsMs: Timings, reason: String?, heard: String? = nil
    ) {
        self.transcript = transcript
        self.heard = heard
        self.intent = intent
        self.slots = slots
        self.result = result
        self.speech = speech
        self.timingsMs = timingsMs
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case transcript, heard, intent, slots, result, speech, timingsMs, reason
    }

    /// Encodes every member; `result` is written as `null` rather than left out when nothing was done.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transcript, forKey: .transcript)
        try container.encodeIfPresent(heard, forKey: .heard)
        try container.encode(intent, forKey: .intent)
        try container.encode(slots, forKey: .slots)
        if let result {
            try container.encode(result, forKey: .result)
        } else {
            try container.encodeNil(forKey: .result)
        }
        try container.encodeIfPresent(speech, forKey: .speech)
        try container.encode(timingsMs, forKey: .timingsMs)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}

/// What a command did to the session's view and to the photos (`CommandResult.result`).
///
/// - `search`, `latest`, `all`: the new view (`count`, `current`, `position`, the first `photos`).
/// - `count`: `count` is the number of matching photos; the view is unchanged.
/// - `next`, `previous`, `close`: the view after the step.
/// - `delete`: the step, and `trashed` (the photo moved to the trash); `undo`: `restored`.
public struct CommandOutcome: Codable, Sendable, Equatable {
    /// One sentence for the user: "showing photo 1 of 3", "2 photos of cat", "this is the last photo".
    public var message: String
    /// Photos in the view (for `count`: photos matching the tags).
    public var count: Int
    /// The photo now shown; nil when the view is empty or closed.
    public var current: Int64?
    /// 1-based position of `current` in the view.
    public var position: Int?
    /// For `search`, `latest` and `all`: the first ids of the view, in order (at most 50).
    public var photos: [Int64]?
    /// For `delete`: the photo moved to the trash.
    public var trashed: Int64?
    /// For `undo`: the photo restored from the trash.
    public var restored: Int64?

    /// Creates an outcome.
    public init(
        message: String, count: Int, current: Int64? = nil, position: Int? = nil, photos: [Int64]? = nil,
        trashed: Int64? = nil, restored: Int64? = nil
    ) {
        self.message = message
        self.count = count
        self.current = current
        self.position = position
        self.photos = photos
        self.trashed = trashed
        self.restored = restored
    }
}
