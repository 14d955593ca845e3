import GailleryCore

/// A parsed query together with what every search of it needs from the query alone, worked out once:
/// its positive and other tags, its shape, and its share of the cursor fingerprint. Callers that
/// repeat queries (the daemon keeps these per query text) skip those walks over the query on each
/// search; at 16 connections they were a tenth of the daemon's CPU for `dog beach`.
package struct SearchQuery: Hashable, Sendable {
    /// The query.
    package let query: TagQuery
    /// `query.positiveTags`: the tags a hit's score sums.
    let positiveTags: [TagName]
    /// `query.allTags`.
    let allTags: [TagName]
    /// `positiveTags` as index keys.
    let positiveKeys: [SearchTagKey]
    /// `allTags` as index keys.
    let allKeys: [SearchTagKey]
    /// Whether every photo that matches has one of the positive tags (see
    /// `SearchIndexState.everyMatchHasPositiveTag`).
    let everyMatchHasPositiveTag: Bool
    /// Whether the query filters by date anywhere.
    let hasDateFilter: Bool
    /// The query's tag when it is one tag alone.
    let singleTag: TagName?
    /// Tags and filters, weighted as `SearchIndexState.cost(of:)` counts them.
    let termCount: Int
    /// The cursor fingerprint's hash state after the query's text (see `fingerprint(minConfidence:)`).
    private let textHash: UInt64

    /// Works out what searches of `query` need.
    package init(_ query: TagQuery) {
        self.query = query
        positiveTags = query.positiveTags
        allTags = query.allTags
        positiveKeys = positiveTags.map { SearchTagKey(text: $0.rawValue) }
        allKeys = allTags.map { SearchTagKey(text: $0.rawValue) }
        everyMatchHasPositiveTag = SearchIndexState.everyMatchHasPositiveTag(query)
        hasDateFilter = SearchIndexState.hasDateFilter(query)
        if case .tag(let tag) = query { singleTag = tag } else { singleTag = nil }
        termCount = SearchIndexState.termCount(query)
        textHash = Self.fnv1a(Self.fnvOffset, query.description + "|")
    }

    /// A stable (not per-process seeded) fingerprint of the query and `minConfidence`: FNV-1a of
    /// `"<description>|<the confidence's bit pattern in decimal>"`, folded to 32 bits.
    func fingerprint(minConfidence: Double) -> UInt32 {
        let hash = Self.fnv1a(textHash, String(minConfidence.bitPattern))
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    package static func == (left: SearchQuery, right: SearchQuery) -> Bool { left.query == right.query }

    package func hash(into hasher: inout Hasher) { hasher.combine(query) }

    private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func fnv1a(_ start: UInt64, _ text: String) -> UInt64 {
        var hash = start
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
