import GailleryProtocol
import GailleryRPC

extension Daemon {
    /// `events.subscribe`: validates the topics and subscribes the calling connection.
    func subscribe(_ params: EventsSubscribe.Params, _ connection: RPCConnection) throws -> EventsSubscribe.Result {
        let topics = params.topics ?? EventNotification.Topic.all
        if let unknown = topics.first(where: { !EventNotification.Topic.all.contains($0) }) {
            throw RPCError.invalidParams(
                "\(EventsSubscribe.method): unknown topic \"\(unknown)\"; topics are "
                    + EventNotification.Topic.all.joined(separator: ", "))
        }
        events.subscribe(connection, topics: Set(topics))
        return EventsSubscribe.Result(topics: topics)
    }
}
