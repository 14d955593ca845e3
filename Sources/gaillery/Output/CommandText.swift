import ArgumentParser
import Foundation
import GailleryProtocol

/// The `--session` option of `say`, `listen` and `ask`.
struct CommandSessionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The daemon-side session to browse in; every gaillery command shares the default one, so "
                + "`gaillery ask next` continues the last view.",
            valueName: "name"))
    var session = "cli"
}

/// A voice or typed command's result (`CommandResult`) as a short human summary.
enum CommandText {
    /// What was heard (or typed), the intent, what it did, and for speech the time it took.
    static func render(_ result: CommandResult, spoken: Bool, colour: Bool) -> String {
        var lines: [(key: String, value: String)] = []
        let transcript = TerminalText.escape(result.transcript)
        let understood = result.transcript.isEmpty ? "(nothing)" : "\"\(transcript)\""
        if let heard = result.heard {
            // Moonshine: what it heard freely, then the command sentence it matched.
            lines.append(("heard", heard.isEmpty ? "(nothing)" : "\"\(TerminalText.escape(heard))\""))
            lines.append(("command", understood))
        } else {
            lines.append((spoken ? "heard" : "command", understood))
        }
        var intent = TerminalText.escape(result.intent.name)
        if !result.slots.tags.isEmpty {
            intent += " " + TerminalText.escape(result.slots.tags.joined(separator: ", "))
        }
        if spoken { intent += String(format: " (confidence %.2f)", result.intent.confidence) }
        let acted = result.intent.name != "none"
        lines.append(("intent", acted ? Style.green.apply(intent, enabled: colour) : intent))
        if let reason = result.reason {
            lines.append(("reason", Style.yellow.apply(TerminalText.escape(reason), enabled: colour)))
        }
        if let outcome = result.result { lines += outcomeLines(outcome) }
        if spoken {
            let timings = result.timingsMs
            lines.append(
                (
                    "time",
                    String(
                        format: "%.1f ms (features %.1f, decode %.1f)", timings.total, timings.features, timings.decode)
                ))
        }
        return Table.keyValues(lines).joined(separator: "\n")
    }

    private static func outcomeLines(_ outcome: CommandOutcome) -> [(key: String, value: String)] {
        var lines: [(key: String, value: String)] = [("did", TerminalText.escape(outcome.message))]
        if let current = outcome.current, let position = outcome.position {
            lines.append(("showing", "photo \(current) (\(position) of \(outcome.count))"))
        }
        if let photos = outcome.photos, !photos.isEmpty {
            let more = outcome.count > photos.count ? " … (\(outcome.count) in all)" : ""
            lines.append(("photos", photos.map(String.init).joined(separator: " ") + more))
        }
        if let trashed = outcome.trashed {
            lines.append(("trashed", "photo \(trashed) (`gaillery ask undo` restores it)"))
        }
        if let restored = outcome.restored { lines.append(("restored", "photo \(restored)")) }
        return lines
    }
}
