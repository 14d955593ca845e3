/// `voice.command`: recognizes one spoken command (a WAV file or raw PCM) and carries it out in a session.
public enum VoiceCommand: RPCMethod {
    public static let method = "voice.command"

    public struct Params: Codable, Sendable, Equatable {
        /// Absolute path of the audio file; exactly one of `path` and `data`.
        public var path: String?
        /// The audio's bytes, base64.
        public var data: String?
        /// `wav` (default: PCM 8/16/24/32-bit or float, any channels, 8–48 kHz) or `s16le` (headerless
        /// signed 16-bit little-endian, with `sample_rate` and `channels`).
        public var format: String?
        /// For `s16le`: samples per second, 8000...48000 (default 16000).
        public var sampleRate: Int?
        /// For `s16le`: interleaved channels, 1...64 (default 1).
        public var channels: Int?
        /// A named session shared by every connection that names it; default: this connection's own.
        public var session: String?

        /// Creates params; pass `path` or `data`.
        public init(
            path: String? = nil, data: String? = nil, format: String? = nil, sampleRate: Int? = nil,
            channels: Int? = nil, session: String? = nil
        ) {
            self.path = path
            self.data = data
            self.format = format
            self.sampleRate = sampleRate
            self.channels = channels
            self.session = session
        }
    }

    public typealias Result = CommandResult
}
