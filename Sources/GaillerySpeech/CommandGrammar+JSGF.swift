import GailleryCore

extension CommandGrammar {
    /// JSGF text: `<command>` is any spoken template; `<tags>` is one or two tag phrases joined by "and" or
    /// "or" (both mean either kind: `TagSegmenter`).
    /// With no tag phrases the search and count templates are left out (JSGF has no empty rule).
    static func jsgf(tagPhrases: [String]) -> String {
        var lines = ["#JSGF V1.0;", "grammar \(name);"]
        let templates = IntentTemplates.spoken.filter { !tagPhrases.isEmpty || !$0.intent.takesTags }
        let commands = templates.map { "(" + jsgf($0.nodes) + ")" }
        lines.append("public <command> = " + commands.joined(separator: "\n    | ") + ";")
        for (name, body) in IntentTemplates.spokenRules.sorted(by: { $0.key < $1.key }) {
            lines.append("<\(name)> = \(jsgf(body));")
        }
        if !tagPhrases.isEmpty {
            lines.append("<tags> = <tag> [(and | or) <tag>];")
            lines.append("<tag> = " + tagPhrases.joined(separator: "\n    | ") + ";")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One template sequence in JSGF notation.
    private static func jsgf(_ nodes: [TemplateNode]) -> String {
        nodes.map { node in
            switch node {
            case .word(let word): word
            case .optional(let inner): "[" + jsgf(inner) + "]"
            case .choice(let alternatives): "(" + alternatives.map(jsgf).joined(separator: " | ") + ")"
            case .rule(let name): "<\(name)>"
            case .tags: "<tags>"
            }
        }.joined(separator: " ")
    }
}
