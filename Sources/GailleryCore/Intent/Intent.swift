/// What a command asks the assistant to do: the intent of a spoken or typed command.
///
/// `search` and `count` carry tags (`IntentSlots.tags`); the others act on the session's current view.
/// `none` means the command was not understood (or there was no speech) and nothing must be done.
public enum Intent: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Show the photos that have all the given tags ("show me photos of dogs").
    case search
    /// Say how many photos have all the given tags ("how many photos of cats do I have").
    case count
    /// Move to the next photo of the current view.
    case next
    /// Move to the previous photo of the current view ("previous photo", "go back").
    case previous
    /// Close the gallery view ("close the gallery").
    case close
    /// Show the most recently added photos ("show me the latest photos").
    case latest
    /// Show every photo ("show all photos").
    case all
    /// Move the current photo to the trash ("delete this photo"); never a permanent delete.
    case delete
    /// Restore the photo deleted last ("undo").
    case undo
    /// Show the photos that look like the current one ("show me more like this").
    case similar
    /// Not understood, or no speech: do nothing (`ParsedIntent.reason` says why).
    case none

    /// Whether the intent takes tags (`search`, `count`).
    public var takesTags: Bool { self == .search || self == .count }

    public var description: String { rawValue }
}

/// The slots of a parsed command.
public struct IntentSlots: Sendable, Hashable, Codable {
    /// Canonical tags, in the order spoken, without duplicates; empty for intents without tags.
    public var tags: [TagName]

    /// Wraps `tags`.
    public init(tags: [TagName] = []) { self.tags = tags }
}

/// The result of parsing one command: its intent, its slots, and for `none` the reason.
public struct ParsedIntent: Sendable, Hashable, Codable {
    /// What the command asks for.
    public var intent: Intent
    /// Its slots (tags for `search` and `count`).
    public var slots: IntentSlots
    /// Why the intent is `none` ("no speech", "not a command: ..."); nil for an understood command.
    public var reason: String?
    /// When the photos were taken, for `search` and `count` commands that say ("… from 2024").
    public var dates: CommandDates?

    /// An understood command.
    public init(_ intent: Intent, tags: [TagName] = []) {
        self.intent = intent
        self.slots = IntentSlots(tags: tags)
        self.reason = nil
    }

    /// A command that was not understood, with the reason (a complete sentence for the user or a log).
    public static func none(_ reason: String) -> ParsedIntent {
        var parsed = ParsedIntent(.none)
        parsed.reason = reason
        return parsed
    }

    /// The tags slot.
    public var tags: [TagName] { slots.tags }
}
