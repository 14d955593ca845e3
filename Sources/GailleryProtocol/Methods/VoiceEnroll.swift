/// `voice.enroll`: adapts the speech recognizer to the user's voice from recordings of known sentences
/// (MAP adaptation of the acoustic model's means with SphinxTrain), installs it in the data directory
/// and switches the recognizers to it. It replaces any earlier enrollment and survives restarts.
public enum VoiceEnroll: RPCMethod {
    public static let method = "voice.enroll"

    /// One recording: the audio as `voice.command` takes it, and the sentence read in it.
    public struct Recording: Codable, Sendable, Equatable {
        /// The sentence that was read (words the pronunciation dictionary knows; `voice.prompts` has some).
        public var text: String
        /// Absolute path of the audio file; exactly one of `path` and `data`.
        public var path: String?
        /// The audio's bytes, base64.
        public var data: String?
        /// `wav` (default) or `s16le`, as in `voice.command`.
        public var format: String?
        /// For `s16le`: samples per second (default 16000).
        public var sampleRate: Int?
        /// For `s16le`: interleaved channels (default 1).
        public var channels: Int?

        public init(
            text: String, path: String? = nil, data: String? = nil, format: String? = nil, sampleRate: Int? = nil,
            channels: Int? = nil
        ) {
            self.text = text
            self.path = path
            self.data = data
            self.format = format
            self.sampleRate = sampleRate
            self.channels = channels
        }
    }

    public struct Params: Codable, Sendable, Equatable {
        /// The recordings, between `voice.prompts`' minimum and maximum.
        public var recordings: [Recording]

        public init(recordings: [Recording]) { self.recordings = recordings }
    }

    /// Mean log-likelihood per frame of the recordings, before and after adaptation.
    public struct Fit: Codable, Sendable, Equatable {
        /// Under the base model.
        public var before: Double
        /// Under the adapted model (higher: it fits the voice better).
        public var after: Double

        public init(before: Double, after: Double) {
            self.before = before
            self.after = after
        }
    }

    /// Where the time went, in milliseconds.
    public struct Timings: Codable, Sendable, Equatable {
        /// Reading and decoding the audio.
        public var read: Double
        /// The recognizer's front end over every recording.
        public var features: Double
        /// Aligning the recordings with their sentences (SphinxTrain's `bw`, with the model in the form it reads).
        public var statistics: Double
        /// MAP re-estimation of the means (`map_adapt`).
        public var map: Double
        /// Scoring the recordings under the adapted model (`bw` again).
        public var check: Double
        /// Writing, syncing and swapping in the adapted model.
        public var install: Double
        /// Loading it into the recognizers.
        public var reload: Double
        /// The whole call.
        public var total: Double

        public init(
            read: Double, features: Double, statistics: Double, map: Double, check: Double, install: Double,
            reload: Double, total: Double
        ) {
            self.read = read
            self.features = features
            self.statistics = statistics
            self.map = map
            self.check = check
            self.install = install
            self.reload = reload
            self.total = total
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// Recordings used.
        public var recordings: Int
        /// Recordings (1-based, in the order given) left out because they did not match their sentences.
        public var ignored: [Int]
        /// Seconds of speech used.
        public var speechSeconds: Double
        /// How well the model fits the recordings, before and after.
        public var fit: Fit
        /// Where the time went.
        public var timingsMs: Timings

        public init(recordings: Int, ignored: [Int], speechSeconds: Double, fit: Fit, timingsMs: Timings) {
            self.recordings = recordings
            self.ignored = ignored
            self.speechSeconds = speechSeconds
            self.fit = fit
            self.timingsMs = timingsMs
        }
    }
}
