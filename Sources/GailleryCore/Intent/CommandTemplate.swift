/// A way of saying a command: its intent and its wording in template notation (see `TemplateNode`).
package struct CommandTemplate: Sendable, Hashable {
    /// The intent the wording expresses.
    package let intent: Intent
    /// The wording, e.g. `"show me <photos> of <tags>"`.
    package let text: String
    /// Whether the speech grammar includes it; typed-only wordings are looser ("pics", "please ...").
    package let spoken: Bool
    /// `text`, parsed.
    package let nodes: [TemplateNode]

    /// Parses `text` (a program constant; malformed notation stops the program).
    package init(_ intent: Intent, _ text: String, spoken: Bool) {
        self.intent = intent
        self.text = text
        self.spoken = spoken
        self.nodes = TemplateNode.parse(text)
    }
}

/// The command wordings and the rules they refer to.
///
/// The spoken set is deliberately small: every extra way of saying something is another way for the
/// recognizer to mistake other speech for a command. Typed text (`assistant.command`) may be freer.
/// Templates are tried in order and the first full match wins, so specific wordings come first.
package enum IntentTemplates {
    /// Rules of the speech grammar.
    package static let spokenRules: [String: [TemplateNode]] = [
        "photos": TemplateNode.parse("photos | pictures | images"),
        "photo": TemplateNode.parse("photo | picture | image"),
    ]

    /// Rules for typed text: the spoken ones plus informal and singular/plural variants.
    package static let typedRules: [String: [TemplateNode]] = [
        "photos": TemplateNode.parse(
            "photos | pictures | images | pics | pix | photographs | shots | photo | picture | image | pic"
        ),
        "photo": TemplateNode.parse("photo | picture | image | pic | photograph | shot | one"),
    ]

    /// Every template, spoken ones first within each intent, in matching order.
    package static let all: [CommandTemplate] = spoken + typed

    /// The templates the speech grammar is generated from.
    package static let spoken: [CommandTemplate] = [
        CommandTemplate(.search, "show me <photos> of <tags>", spoken: true),
        CommandTemplate(.search, "find <photos> of <tags>", spoken: true),
        CommandTemplate(.search, "search for <tags>", spoken: true),
        CommandTemplate(.count, "how many <photos> of <tags> [do i have]", spoken: true),
        CommandTemplate(.next, "next [<photo>]", spoken: true),
        CommandTemplate(.previous, "previous [<photo>] | go back", spoken: true),
        CommandTemplate(.close, "close the gallery", spoken: true),
        CommandTemplate(.latest, "show me the latest <photos>", spoken: true),
        CommandTemplate(.all, "show all <photos>", spoken: true),
        CommandTemplate(.delete, "delete this <photo>", spoken: true),
        CommandTemplate(.undo, "undo", spoken: true),
        CommandTemplate(.similar, "[show me] more like this", spoken: true),
    ]

    /// Looser wordings accepted in typed text only.
    package static let typed: [CommandTemplate] = [
        CommandTemplate(
            .latest,
            "[show [me]] [the | my] (latest | newest | recent | most recent) [<photos>]",
            spoken: false
        ),
        CommandTemplate(.all, "[show [me]] all [of] [the | my] <photos> | show [me] everything", spoken: false),
        CommandTemplate(
            .count,
            "how many [<photos>] (of | with) <tags> [do i have | have i got | are there]",
            spoken: false
        ),
        CommandTemplate(.count, "how many <tags> [<photos>] (do i have | have i got | are there)", spoken: false),
        CommandTemplate(.count, "count [the | my | all] [<photos> (of | with)] <tags>", spoken: false),
        CommandTemplate(
            .search,
            "[(show | find | display | get | give) [me]] [all] [of] [the | my] <photos> (of | with | showing) <tags>",
            spoken: false
        ),
        CommandTemplate(.search, "(search | look) [for] [[the | my] <photos> (of | with)] <tags>", spoken: false),
        CommandTemplate(.next, "[show [me] | go to] [the] next [<photo>] | forward", spoken: false),
        CommandTemplate(.previous, "[show [me] | go to] [the] previous [<photo>] | [go] back [one]", spoken: false),
        CommandTemplate(
            .close,
            "close [the] [gallery | viewer | photos] | exit [the] (gallery | viewer)",
            spoken: false
        ),
        CommandTemplate(.delete, "(delete | remove | trash) [this | that | it | the current] [<photo>]", spoken: false),
        CommandTemplate(
            .delete,
            "(move | put) (this | that | it) [<photo>] (to | in | into) [the] (trash | bin)",
            spoken: false
        ),
        CommandTemplate(.undo, "undo [it | that | delete | the last (delete | deletion)]", spoken: false),
        CommandTemplate(.undo, "(restore | undelete) [it | that | the last [deleted] <photo>]", spoken: false),
        CommandTemplate(
            .similar,
            "[(show | find | get | give) [me]] (more | others | similar [<photos>]) like (this | that | it) [one | <photo>]",
            spoken: false
        ),
        CommandTemplate(
            .similar, "[show [me]] similar <photos> | [show [me]] <photos> like (this | that) [one]", spoken: false),
    ]
}
