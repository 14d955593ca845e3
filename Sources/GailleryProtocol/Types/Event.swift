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
        /// A named session's view changed (a voice or typed command in it): `SessionView`.
        public static let sessionView = "session.view"
        public static let eventsDropped = "events.dropped"
        /// Every topic a client may subscribe to.
        public static let all = [photoAdded, photoStatus, photoDeleted, photoRestored, jobProgress, sessionView]
    }

    public var topic: String
    public var data: JSONValue

    public init(topic: String, data: JSONValue) {
        self.topic = topic
        self.data = data
    }
}

/// The `session.view` payload: what a named session shows after a command in it, so that every client
/// showing that session (the web gallery's "web", a launcher) follows commands given elsewhere.
public struct SessionView: Codable, Sendable, Equatable {
    /// The session's name.
    public var session: String
    /// The photos of its view, best first (at most the first 100).
    public var photos: [Int64]
    /// How many photos the view holds.
    public var count: Int
    /// The photo on screen, or nil when the viewer is closed.
    public var current: Int64?

    public init(session: String, photos: [Int64], count: Int, current: Int64?) {
        self.session = session
        self.photos = photos
        self.count = count
        self.current = current
    }
}
