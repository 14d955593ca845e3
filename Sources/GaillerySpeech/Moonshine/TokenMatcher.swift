/// Which tokens may extend a hypothesis without leaving the grammar: the vocabulary's token texts in a
/// character trie (lowercase, `▁` as a space) walked together with the `WordGraph`, so a step costs the
/// number of matching prefixes rather than the 32,000 tokens. Results are cached per automaton position.
///
/// Not thread-safe (the cache): each `MoonshineRecognizer` owns one and uses it under its lock.
final class TokenMatcher {
    /// A token that may follow, and where the automaton is after it.
    struct Candidate {
        var token: Int32
        var states: WordGraph.States
    }

    private struct TrieNode {
        var children: [(scalar: Unicode.Scalar, node: Int32)] = []
        var tokens: [Int32] = []
    }

    /// The cache is dropped beyond this many positions (a grammar has a few thousand reachable ones).
    private static let cacheLimit = 20_000

    private var trie: [TrieNode] = [TrieNode()]
    let graph: WordGraph
    private var cache: [WordGraph.States: [Candidate]] = [:]

    /// Indexes every token of `tokenizer` whose text is valid UTF-8 (byte tokens: printable ASCII only).
    init(tokenizer: MoonshineTokenizer, graph: WordGraph) {
        self.graph = graph
        for id in Int32(MoonshineTokenizer.eos + 1)..<Int32(tokenizer.count) {
            let bytes = tokenizer.bytes(of: id)
            if MoonshineTokenizer.byteTokens.contains(id), !(0x20..<0x7F).contains(bytes.first ?? 0) { continue }
            guard let text = String(validating: bytes, as: UTF8.self), !text.isEmpty else { continue }
            insert(text.replacingOccurrences(of: "\u{2581}", with: " ").lowercased(), token: id)
        }
    }

    private func insert(_ text: String, token: Int32) {
        var node = 0
        for scalar in text.unicodeScalars {
            if let child = trie[node].children.first(where: { $0.scalar == scalar }) {
                node = Int(child.node)
            } else {
                trie.append(TrieNode())
                trie[node].children.append((scalar, Int32(trie.count - 1)))
                node = trie.count - 1
            }
        }
        trie[node].tokens.append(token)
    }

    /// Every token that keeps a hypothesis at `states` inside the grammar, with the states after it.
    func candidates(after states: WordGraph.States) -> [Candidate] {
        if let cached = cache[states] { return cached }
        var found: [Candidate] = []
        walk(0, states, into: &found)
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[states] = found
        return found
    }

    private func walk(_ node: Int, _ states: WordGraph.States, into found: inout [Candidate]) {
        for child in trie[node].children {
            let next = graph.advance(states, child.scalar)
            guard !next.isEmpty else { continue }
            for token in trie[Int(child.node)].tokens { found.append(Candidate(token: token, states: next)) }
            walk(Int(child.node), next, into: &found)
        }
    }
}
