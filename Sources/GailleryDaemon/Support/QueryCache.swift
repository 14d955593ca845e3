import GailleryCore
import GailleryStore
import Synchronization

/// Parsed search queries by their text, prepared for the store (`SearchQuery`): parsing (tokens, tag
/// canonicalization) costs more than answering a query from the in-memory index, and clients repeat
/// queries (paging, refreshing). A parse depends on the text alone (and the aliases, fixed for the
/// daemon's life), so entries never go stale; failed parses are not kept.
final class QueryCache: Sendable {
    private let capacity: Int
    /// The taxonomy's search words ("automobile" for car), resolved once per query text.
    let aliases: TagAliases
    // Read and filled from event loops and pool threads.
    private let parsed = Mutex<[String: SearchQuery]>([:])

    /// A cache of at most `capacity` queries (emptied when full), resolving `aliases`.
    init(capacity: Int = 512, aliases: TagAliases = TagAliases()) {
        self.capacity = capacity
        self.aliases = aliases
    }

    /// The query `text` parses to.
    ///
    /// - Throws: `TagQuery`'s parse error, which says where.
    func query(_ text: String) throws(QueryError) -> SearchQuery {
        if let query = parsed.withLock({ $0[text] }) { return query }
        let query = SearchQuery(aliases.resolving(try TagQuery(parsing: text)))
        parsed.withLock { parsed in
            if parsed.count >= capacity { parsed.removeAll(keepingCapacity: true) }
            parsed[text] = query
        }
        return query
    }
}
