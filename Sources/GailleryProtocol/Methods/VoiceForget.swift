/// `voice.forget`: removes the voice enrollment and returns the recognizers to the base model.
public enum VoiceForget: RPCMethod {
    public static let method = "voice.forget"

    public typealias Params = NoParams

    public struct Result: Codable, Sendable, Equatable {
        /// Whether there was an enrollment to remove.
        public var removed: Bool

        public init(removed: Bool) { self.removed = removed }
    }
}
