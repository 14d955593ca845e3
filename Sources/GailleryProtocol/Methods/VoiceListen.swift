/// `voice.listen`: records one command from the microphone (ALSA), stopping at the end of speech or after
/// `max_seconds`, then recognizes it and carries it out in a session. One capture at a time.
public enum VoiceListen: RPCMethod {
    public static let method = "voice.listen"

    public struct Params: Codable, Sendable, Equatable {
        /// An ALSA capture PCM ("default", "plughw:1,0", "pulse"); default: the daemon's `--capture-device`.
        public var device: String?
        /// The longest recording, more than 0 and at most 30 seconds (default 5).
        public var maxSeconds: Double?
        /// A named session shared by every connection that names it; default: this connection's own.
        public var session: String?

        /// Creates params; every field is optional.
        public init(device: String? = nil, maxSeconds: Double? = nil, session: String? = nil) {
            self.device = device
            self.maxSeconds = maxSeconds
            self.session = session
        }
    }

    public typealias Result = CommandResult
}
