/// The params of an `event` notification pushed to subscribers (see `events.subscribe`).
public struct EventNotification: Codable, Sendable, Equatable {
    /// The notification's method name.
    public static let method = "event"

    /// The topic names: photo.added, photo.status, photo.deleted, photo.restored, job.progress, and
    /// events.dropped (sent when a slow subscriber missed events; data.count says how many).
    public enum Topic {
        public static let photoAdded = "photo.added"
        public static let photoStatus = "photo.status"
        public static let photoDeleted = "photo.deleted"
        public static let photoRestored = "photo.restored"
        public static let jobProgress = "job.progress"
        public static let eventsDropped = "events.dropped"
        /// Every topic a client may subscribe to.
        public static let all = [photoAdded, photoStatus, photoDeleted, photoRestored, jobProgress]
    }

    public var topic: String
    public var data: JSONValue

    public init(topic: String, data: JSONValue) {
        self.topic = topic
        self.data = data
    }
}
