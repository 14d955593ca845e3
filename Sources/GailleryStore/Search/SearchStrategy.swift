/// How `PhotoStore.search` evaluates a query. Both strategies return the same pages; they differ in
/// cost only.
package enum SearchStrategy: Sendable, Hashable {
    /// The in-memory `SearchIndex`, caught up with the read's snapshot first; the SQL statement when
    /// the index can't answer exactly (a date filter while some photo's date is not short text).
    case indexed
    /// One SQL statement over the tables (`SearchSQL`): the reference for tests and the baseline for
    /// benchmarks.
    case straightforward
}
