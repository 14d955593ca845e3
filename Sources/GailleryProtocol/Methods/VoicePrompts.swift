/// `voice.prompts`: the sentences to read for `voice.enroll`, and how many recordings it takes.
public enum VoicePrompts: RPCMethod {
    public static let method = "voice.prompts"

    public typealias Params = NoParams

    public struct Result: Codable, Sendable, Equatable {
        /// The sentences, in the order to read them.
        public var prompts: [String]
        /// The fewest recordings `voice.enroll` accepts.
        public var minimum: Int
        /// The most recordings `voice.enroll` accepts.
        public var maximum: Int

        public init(prompts: [String], minimum: Int, maximum: Int) {
            self.prompts = prompts
            self.minimum = minimum
            self.maximum = maximum
        }
    }
}
