/// `events.subscribe`: this connection starts receiving `event` notifications for the topics asked
/// (all when omitted). Calling it again replaces the topic set. Events are never allowed to stall the
/// daemon: a subscriber that reads too slowly misses events and then gets `events.dropped` with a count.
public enum EventsSubscribe: RPCMethod {
    public static let method = "events.subscribe"

    public struct Params: Codable, Sendable, Equatable {
        /// Any of photo.added, photo.status, photo.deleted, photo.restored, job.progress.
        public var topics: [String]?

        public init(topics: [String]? = nil) { self.topics = topics }
    }

    public struct Result: Codable, Sendable, Equatable {
        /// The topics now subscribed.
        public var topics: [String]

        public init(topics: [String]) { self.topics = topics }
    }
}
