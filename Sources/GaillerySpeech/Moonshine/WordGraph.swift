/// The allowed sentences as a character automaton, for grammar-constrained decoding: a hypothesis may
/// only spell a prefix of an allowed sentence, checked character by character as tokens are appended, so
/// any word a user types as a tag works without a pronunciation dictionary.
///
/// Matching is on lowercase Unicode scalars. Words are separated by one space (Moonshine's `▁`); a leading
/// space is optional; after a complete word the punctuation `.,?!` may appear and is ignored (the model
/// writes "Show me photos of dogs."). The automaton is nondeterministic (optional words, tag phrases that
/// share prefixes): a position in it is a sorted set of node indices (`States`).
package struct WordGraph: Sendable {
    /// A set of automaton nodes, sorted and without duplicates; empty means "no allowed sentence".
    package typealias States = [Int32]

    struct Node: Sendable {
        /// Outgoing transitions; few per node, so a list beats a dictionary.
        var edges: [(scalar: Unicode.Scalar, target: Int32)] = []
        /// A complete allowed sentence ends here.
        var isFinal = false
    }

    /// Punctuation the model may write after a word, skipped by matching.
    static let punctuation: Set<Unicode.Scalar> = [".", ",", "?", "!"]

    private(set) var nodes: [Node] = []
    /// Where matching starts.
    package private(set) var start: States = []

    /// Builds the automaton from a word-level graph (see `WordGraphBuilder`).
    init(_ words: WordGraphBuilder) {
        let closures = (0..<words.stateCount).map { words.closure(of: $0) }
        // Node 2s is "just after word state s" (punctuation and a space may follow), 2s+1 is "at the start of a
        // word leaving s" (after the space); words run as chains of fresh nodes between them.
        nodes = Array(repeating: Node(), count: 2 * words.stateCount)
        for state in 0..<words.stateCount {
            let after = 2 * state
            let wordStart = Int32(2 * state + 1)
            nodes[after].isFinal = !closures[state].isDisjoint(with: words.finals)
            nodes[after].edges.append((" ", wordStart))
            if state != words.initial {
                for mark in Self.punctuation { nodes[after].edges.append((mark, Int32(after))) }
            }
            for source in closures[state] {
                for edge in words.edges[source] {
                    addChain(edge.word, from: Int(wordStart), to: Int32(2 * edge.target))
                }
            }
        }
        start = [Int32(2 * words.initial), Int32(2 * words.initial + 1)]
    }

    private mutating func addChain(_ word: String, from: Int, to: Int32) {
        let scalars = Array(word.lowercased().unicodeScalars)
        var node = from
        for (index, scalar) in scalars.enumerated() {
            if index == scalars.count - 1 {
                nodes[node].edges.append((scalar, to))
            } else {
                nodes.append(Node())
                nodes[node].edges.append((scalar, Int32(nodes.count - 1)))
                node = nodes.count - 1
            }
        }
    }

    /// The states after reading `scalar` (lowercase) from `states`; empty when no allowed sentence continues so.
    package func advance(_ states: States, _ scalar: Unicode.Scalar) -> States {
        var next: States = []
        for state in states {
            for edge in nodes[Int(state)].edges where edge.scalar == scalar { next.append(edge.target) }
        }
        if next.count > 1 {
            next.sort()
            next = next.enumerated().filter { $0.offset == 0 || next[$0.offset - 1] != $0.element }.map(\.element)
        }
        return next
    }

    /// The states after reading `text` (lowercased first); empty when it leaves every allowed sentence.
    package func advance(_ states: States, text: String) -> States {
        var current = states
        for scalar in text.lowercased().unicodeScalars {
            current = advance(current, scalar)
            if current.isEmpty { break }
        }
        return current
    }

    /// Whether a complete allowed sentence ends at `states` (so the end of transcript may follow).
    package func isFinal(_ states: States) -> Bool { states.contains { nodes[Int($0)].isFinal } }

    /// Whether `sentence` is allowed (case and the punctuation `.,?!` after words ignored).
    package func accepts(_ sentence: String) -> Bool { isFinal(advance(start, text: sentence)) }

    /// The number of automaton nodes (a measure of the grammar's size).
    package var nodeCount: Int { nodes.count }
}

/// A word-level graph with empty (epsilon) transitions, built from command templates or sentences and
/// turned into a `WordGraph`.
struct WordGraphBuilder {
    struct Edge {
        var word: String
        var target: Int
    }

    private(set) var stateCount = 1
    let initial = 0
    var finals: Set<Int> = []
    private(set) var edges: [[Edge]] = [[]]
    private var epsilons: [[Int]] = [[]]

    mutating func newState() -> Int {
        stateCount += 1
        edges.append([])
        epsilons.append([])
        return stateCount - 1
    }

    mutating func addWord(_ word: String, from: Int, to: Int) { edges[from].append(Edge(word: word, target: to)) }

    mutating func addEpsilon(from: Int, to: Int) { epsilons[from].append(to) }

    /// Adds `words` as a path from `from`; returns the state it ends in (`to` when given).
    @discardableResult
    mutating func addPath(_ words: [String], from: Int, to: Int? = nil) -> Int {
        var state = from
        for (index, word) in words.enumerated() {
            let next = index == words.count - 1 ? (to ?? newState()) : newState()
            addWord(word, from: state, to: next)
            state = next
        }
        return words.isEmpty ? from : state
    }

    /// The states reachable from `state` through epsilon transitions, `state` included.
    func closure(of state: Int) -> Set<Int> {
        var seen: Set<Int> = [state]
        var pending = [state]
        while let current = pending.popLast() {
            for next in epsilons[current] where seen.insert(next).inserted { pending.append(next) }
        }
        return seen
    }
}
