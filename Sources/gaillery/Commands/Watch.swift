import ArgumentParser
import Foundation
import GailleryProtocol

/// `gaillery watch`: streams the daemon's events.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Print the daemon's events as they happen, one line each, until Ctrl-C.",
        discussion: "With --json, each line is an event object {\"topic\": …, \"data\": …}.")

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("topic"), parsing: .upToNextOption,
        help: ArgumentHelp("Only these topics (default: all).", valueName: "topic"),
        completion: .list(EventNotification.Topic.all))
    var topics: [String] = []

    func run() throws {
        let session = try global.connect()
        let subscribed = try session.quietCall(EventsSubscribe.self, .init(topics: topics.isEmpty ? nil : topics))
        if !global.json { Console.err("watching \(subscribed.topics.joined(separator: ", ")) (Ctrl-C to stop)") }
        while true {
            guard let event = try session.nextEvent(timeout: nil) else { continue }
            if global.json {
                JSONLine.print(wire: event)
            } else {
                Console.out(EventText.line(event, time: EventText.clockTime(Date())))
            }
        }
    }
}

/// Events as one human line each.
enum EventText {
    /// `08:31:02  photo.status    photo 42 done`.
    static func line(_ event: EventNotification, time: String) -> String {
        let topic = event.topic.padding(toLength: max(event.topic.count, 14), withPad: " ", startingAt: 0)
        return "\(time)  \(topic)  \(describe(event))"
    }

    /// What happened, from the event's data.
    static func describe(_ event: EventNotification) -> String {
        let data = event.data
        let photo = "photo " + (int(data["id"]).map(String.init) ?? "?")
        switch event.topic {
        case EventNotification.Topic.photoAdded:
            let sha = string(data["sha256"]).map { ", sha256 \($0.prefix(12))" } ?? ""
            return "\(photo) added (\(string(data["status"]) ?? "queued")\(sha))"
        case EventNotification.Topic.photoStatus:
            let status = TerminalText.escape(string(data["status"]) ?? "?")
            return "\(photo) \(status)" + (string(data["error"]).map { ": " + TerminalText.escape($0) } ?? "")
        case EventNotification.Topic.photoDeleted:
            return data["permanent"] == .bool(true) ? "\(photo) deleted for good" : "\(photo) moved to the trash"
        case EventNotification.Topic.photoRestored:
            return "\(photo) restored from the trash"
        case EventNotification.Topic.jobProgress:
            guard let encoded = try? JSONEncoder().encode(data),
                let job = try? WireCoding.decoder().decode(JobInfo.self, from: encoded)
            else { break }
            return JobText.summary(job)
        case EventNotification.Topic.eventsDropped:
            return "missed \(int(data["count"]).map(String.init) ?? "some") events (this client read too slowly)"
        default:
            break
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(data)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Local wall-clock time `HH:MM:SS`.
    static func clockTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    private static func int(_ value: JSONValue?) -> Int64? {
        if case .int(let number) = value { return number }
        return nil
    }

    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let text) = value { return text }
        return nil
    }
}
