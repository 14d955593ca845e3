/// Matches a sequence of words against template nodes, backtracking, and returns where the tag slot is.
///
/// The tag slot is lazy (shortest first), so trailing optional words ("do i have") are not swallowed
/// into the tags. Only a match of the whole word sequence counts.
package struct TemplateMatcher: Sendable {
    /// A successful match.
    package struct Match: Sendable, Equatable {
        /// The word positions the `<tags>` slot covered; nil when the template has no slot.
        package var tags: Range<Int>?
    }

    private typealias Continuation = (Int, Range<Int>?) -> Match?

    /// Rule bodies by name (`IntentTemplates.spokenRules` or `.typedRules`).
    package let rules: [String: [TemplateNode]]

    /// A matcher that resolves `<rule>` references with `rules`.
    package init(rules: [String: [TemplateNode]]) { self.rules = rules }

    /// The match of `nodes` against all of `words`, or nil.
    package func match(_ nodes: [TemplateNode], _ words: [String]) -> Match? {
        sequence(nodes[...], words, at: 0, tags: nil) { end, tags in
            end == words.count ? Match(tags: tags) : nil
        }
    }

    private func sequence(
        _ nodes: ArraySlice<TemplateNode>,
        _ words: [String],
        at index: Int,
        tags: Range<Int>?,
        then rest: @escaping Continuation
    ) -> Match? {
        guard let node = nodes.first else { return rest(index, tags) }
        let remaining = nodes.dropFirst()
        let next: Continuation = { end, tags in self.sequence(remaining, words, at: end, tags: tags, then: rest) }
        switch node {
        case .word(let word):
            return index < words.count && words[index] == word ? next(index + 1, tags) : nil
        case .optional(let inner):
            return sequence(inner[...], words, at: index, tags: tags, then: next) ?? next(index, tags)
        case .choice(let alternatives):
            for alternative in alternatives {
                if let found = sequence(alternative[...], words, at: index, tags: tags, then: next) { return found }
            }
            return nil
        case .rule(let name):
            guard let body = rules[name] else { preconditionFailure("template rule <\(name)> is not defined") }
            return sequence(body[...], words, at: index, tags: tags, then: next)
        case .tags:
            guard index < words.count else { return nil }
            for end in (index + 1)...words.count {
                if let found = next(end, index..<end) { return found }
            }
            return nil
        }
    }
}
