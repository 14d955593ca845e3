/// `voice.record`: records one utterance from the microphone (ALSA, as `voice.listen` does), stopping
/// at the end of speech or after `max_seconds`, and returns it as a WAV file without recognizing it:
/// for enrollment recordings, and for checking a microphone.
public enum VoiceRecord: RPCMethod {
    public static let method = "voice.record"

    public struct Params: Codable, Sendable, Equatable {
        /// An ALSA capture PCM ("default", "plughw:1,0"); default: the daemon's `--capture-device`.
        public var device: String?
        /// The longest recording, more than 0 and at most 30 seconds (default 10).
        public var maxSeconds: Double?

        public init(device: String? = nil, maxSeconds: Double? = nil) {
            self.device = device
            self.maxSeconds = maxSeconds
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// The recording: a 16 kHz mono 16-bit PCM WAV file, base64.
        public var data: String
        /// Its length in seconds.
        public var seconds: Double
        /// Where the endpointer heard speech in it; nil when it heard none.
        public var speech: CommandResult.SpeechSpan?

        public init(data: String, seconds: Double, speech: CommandResult.SpeechSpan?) {
            self.data = data
            self.seconds = seconds
            self.speech = speech
        }
    }
}
