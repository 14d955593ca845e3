/// How `PhotoStore.search` evaluates a query. Every strategy returns the same pages; they differ in
/// cost only.
package struct SearchStrategy: Sendable, Hashable {
    /// Whether `SearchPlanner` plans the query; false runs one statement that reads every row of the
    /// query's tags.
    package var isPlanned: Bool
    /// A required tag on at most this many photos (by `tag_counts`) is read whole in one round.
    package var wholeRangeLimit: Int
    /// The first threshold round's depth per tag, in index rows.
    package var initialDepth: Int
    /// Past this many candidate rows in a round (depth x positive tags) the planner gives up and runs
    /// the straightforward statement: deeper rounds cost more than it does.
    package var maximumCandidates: Int
    /// When positive, rounds also stop at (rows the straightforward statement would read, by
    /// `tag_counts`) / `rowsPerCandidate`: evaluating a candidate (a photo lookup and a primary-key
    /// lookup per tag) costs about as much as that many index rows read and grouped.
    package var rowsPerCandidate: Int

    /// Threshold rounds with the knobs measured best at 100,000 photos (Benchmarks: search-bench).
    package static let planned = SearchStrategy(
        isPlanned: true, wholeRangeLimit: 4096, initialDepth: 64, maximumCandidates: 8192, rowsPerCandidate: 16)

    /// The one-statement plan: the reference for tests and the baseline for benchmarks.
    package static let straightforward = SearchStrategy(
        isPlanned: false, wholeRangeLimit: 0, initialDepth: 1, maximumCandidates: 0, rowsPerCandidate: 0)

    /// Threshold rounds with other knobs, so that tests on small libraries reach every path.
    package static func tuned(wholeRangeLimit: Int, initialDepth: Int, maximumCandidates: Int) -> SearchStrategy {
        SearchStrategy(
            isPlanned: true, wholeRangeLimit: wholeRangeLimit, initialDepth: max(1, initialDepth),
            maximumCandidates: maximumCandidates, rowsPerCandidate: 0)
    }
}
