/// Search words that stand for a tag: WordNet's synonyms and narrower words ("automobile" and "sedan"
/// for car, "puppy" for dog, "kitty" for domestic cat), from the taxonomy. The daemon builds one from
/// the classifier's taxonomy and gives it to the query parser's cache, so the store, which knows
/// nothing of WordNet, is only ever asked about tags.
///
/// A word that is a tag itself is never an alias (tags win), and an alias stands for one tag.
public struct TagAliases: Sendable, Equatable {
    /// Alias → tag, both canonical.
    private let targets: [TagName: TagName]

    /// No aliases: every query is searched as written.
    public init() {
        targets = [:]
    }

    /// Aliases from `pairs` (word, tag) and irregular `plurals` (plural, singular) of tags and aliases,
    /// all canonicalised with `TagName`. A pair whose word canonicalises to one of `tags`, to its own
    /// target, or to an invalid tag is dropped, and so is a later pair for a word already taken. A
    /// plural whose canonical form differs from its singular's (`TagName` singularises regular
    /// plurals itself: "kitties" is already "kitty") becomes an alias of what the singular finds.
    public init(pairs: [(word: String, tag: String)], plurals: [(plural: String, singular: String)], tags: Set<TagName>)
    {
        var targets: [TagName: TagName] = [:]
        for (word, tag) in pairs {
            guard let word = try? TagName(word), let tag = try? TagName(tag), word != tag, !tags.contains(word) else {
                continue
            }
            if targets[word] == nil { targets[word] = tag }
        }
        for (plural, singular) in plurals {
            guard let plural = try? TagName(plural), let singular = try? TagName(singular), plural != singular,
                !tags.contains(plural), targets[plural] == nil
            else { continue }
            let found = tags.contains(singular) ? singular : targets[singular]
            if let found, found != plural { targets[plural] = found }
        }
        self.targets = targets
    }

    /// How many words are aliases.
    public var count: Int { targets.count }

    /// The tag `word` stands for, or nil when it is not an alias.
    public func tag(for word: TagName) -> TagName? { targets[word] }

    /// `query` with every alias `a` of a tag `t` searched as `(a | t)`: the tag finds the classified
    /// photos and the word itself still finds photos tagged with it by hand. When that would take the
    /// query over `TagQuery.maximumTerms` tags, each alias is replaced by its tag instead.
    public func resolving(_ query: TagQuery) -> TagQuery {
        guard !targets.isEmpty, query.allTags.contains(where: { targets[$0] != nil }) else { return query }
        let widened = rewrite(query, keepingWord: true)
        return widened.allTags.count <= TagQuery.maximumTerms ? widened : rewrite(query, keepingWord: false)
    }

    private func rewrite(_ query: TagQuery, keepingWord: Bool) -> TagQuery {
        switch query {
        case .tag(let word):
            guard let tag = targets[word] else { return query }
            return keepingWord ? .or([.tag(word), .tag(tag)]) : .tag(tag)
        case .since, .until, .status: return query
        case .not(let operand): return .not(rewrite(operand, keepingWord: keepingWord))
        case .and(let operands): return .and(operands.map { rewrite($0, keepingWord: keepingWord) })
        case .or(let operands):
            // An `or` holds no `or` operand: the widened alias joins its parent's operands, once
            // (`automobile | car` is `automobile | car`, not `automobile | car | car`).
            var joined: [TagQuery] = []
            for operand in operands {
                let rewritten = rewrite(operand, keepingWord: keepingWord)
                let parts: [TagQuery] = if case .or(let inner) = rewritten { inner } else { [rewritten] }
                for part in parts where !joined.contains(part) { joined.append(part) }
            }
            return joined.count == 1 ? joined[0] : .or(joined)
        }
    }
}
