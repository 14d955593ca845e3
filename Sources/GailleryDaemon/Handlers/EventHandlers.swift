import GailleryProtocol
import GailleryRPC

/// `events.subscribe` and `events.unsubscribe`: they get the event hub, nothing else.
struct EventHandlers: Sendable {
    let events: EventHub

    /// Adds these methods to `router`.
    func register(on router: inout RPCRouter) {
        router.register(EventsSubscribe.self) { params, connection in try subscribe(params, connection) }
        router.register(EventsUnsubscribe.self) { [events] _, connection in
            EventsUnsubscribe.Result(wasSubscribed: events.unsubscribe(connection))
        }
    }

    /// `events.subscribe`: validates the topics and subscribes the calling connection.
    func subscribe(_ params: EventsSubscribe.Params, _ connection: RPCConnection) throws -> EventsSubscribe.Result {
        let topics = params.topics ?? EventNotification.Topic.all
        if let unknown = topics.first(where: { !EventNotification.Topic.all.contains($0) }) {
            throw RPCError.invalidParams(
                "unknown topic \"\(unknown)\"; topics are " + EventNotification.Topic.all.joined(separator: ", "))
        }
        events.subscribe(connection, topics: Set(topics))
        return EventsSubscribe.Result(topics: topics)
    }
}
