/// `events.unsubscribe`: this connection stops receiving events.
public enum EventsUnsubscribe: RPCMethod {
    public static let method = "events.unsubscribe"
    public typealias Params = NoParams

    public struct Result: Codable, Sendable, Equatable {
        /// Whether the connection was subscribed.
        public var wasSubscribed: Bool

        public init(wasSubscribed: Bool) { self.wasSubscribed = wasSubscribed }
    }
}
