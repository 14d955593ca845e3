/// `assistant.command`: the same intents as `voice.command`, from typed text (for launchers and scripts).
public enum AssistantCommand: RPCMethod {
    public static let method = "assistant.command"

    public struct Params: Codable, Sendable, Equatable {
        /// The command, e.g. "show me photos of dogs and cats", "next", "delete this photo", "undo".
        public var text: String
        /// A named session shared by every connection that names it; default: this connection's own.
        public var session: String?

        /// Creates params.
        public init(text: String, session: String? = nil) {
            self.text = text
            self.session = session
        }
    }

    public typealias Result = CommandResult
}
