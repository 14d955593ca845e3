import Foundation
import GailleryProtocol
import GailleryRPC
import NIOConcurrencyHelpers

/// Fans events out to subscribed connections without ever waiting for one.
///
/// A subscriber whose connection is not writable (it reads too slowly) misses events; before its next
/// delivered event it receives `events.dropped` with the number missed.
package final class EventHub: Sendable {
    private struct Subscriber {
        var connection: RPCConnection
        var topics: Set<String>
        var dropped = 0
    }

    private let subscribers = NIOLockedValueBox([Int: Subscriber]())

    package init() {}

    /// Subscribes `connection` to `topics` (replacing earlier topics); unsubscribes it when it closes.
    package func subscribe(_ connection: RPCConnection, topics: Set<String>) {
        let isNew = subscribers.withLockedValue { table -> Bool in
            let isNew = table[connection.id] == nil
            table[connection.id] = Subscriber(
                connection: connection, topics: topics, dropped: table[connection.id]?.dropped ?? 0)
            return isNew
        }
        if isNew { connection.onClose { [weak self] in self?.unsubscribe(connection) } }
    }

    /// Stops sending events to `connection`; returns whether it was subscribed.
    @discardableResult
    package func unsubscribe(_ connection: RPCConnection) -> Bool {
        subscribers.withLockedValue { $0.removeValue(forKey: connection.id) != nil }
    }

    /// How many connections are subscribed.
    package var subscriberCount: Int { subscribers.withLockedValue { $0.count } }

    /// Sends `data` under `topic` to every subscriber of it. Encodes it once, and only when someone
    /// subscribes to the topic: the pipeline publishes several events per photo.
    package func publish(_ topic: String, _ data: some Encodable) {
        let targets = subscribers.withLockedValue { table -> [(RPCConnection, Int)] in
            var targets: [(RPCConnection, Int)] = []
            for (id, subscriber) in table where subscriber.topics.contains(topic) {
                if subscriber.connection.isWritable {
                    targets.append((subscriber.connection, subscriber.dropped))
                    table[id]?.dropped = 0
                } else {
                    table[id]?.dropped += 1
                }
            }
            return targets
        }
        guard !targets.isEmpty,
            let line = try? MessageCoding.notification(
                method: EventNotification.method, params: Event(topic: topic, data: data))
        else { return }
        for (connection, dropped) in targets {
            if dropped > 0 {
                connection.notify(
                    method: EventNotification.method,
                    params: EventNotification(
                        topic: EventNotification.Topic.eventsDropped, data: .object(["count": .int(Int64(dropped))])))
            }
            connection.send(line: line)
        }
    }

    /// An `EventNotification` whose data is still a value, encoded straight into the line.
    private struct Event<Payload: Encodable>: Encodable {
        var topic: String
        var data: Payload
    }
}
