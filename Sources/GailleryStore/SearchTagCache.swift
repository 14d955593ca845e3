import Synchronization

/// What earlier queries derived from one index state's postings, for later queries on the same state:
/// tag bitsets ("the photos that have the tag at this confidence") and dense confidence arrays (a
/// tag's confidence by slot, 0 without the tag), so repeated and paged searches skip one pass over
/// each tag's postings and score a photo without a search. A state gets a new, empty cache at every
/// change, so an entry is never stale; the cache empties itself when it outgrows `byteLimit`.
final class SearchTagCache: Sendable {
    private struct Key: Hashable {
        var tagID: Int
        var minConfidence: UInt64
    }

    private struct Entries {
        var sets: [Key: SearchBitset] = [:]
        var confidences: [Int: [Double]] = [:]
        var bytes = 0
    }

    /// The most bytes kept: at 100,000 photos, 1,280 bitsets or 20 confidence arrays.
    static let byteLimit = 16 << 20

    // Read and filled by queries on event loops and pool threads at once.
    private let entries = Mutex(Entries())

    /// The bytes of the bitsets held.
    var bytes: Int { entries.withLock { $0.bytes } }

    /// The set for tag `tagID` at `minConfidence`, built by `build` unless an earlier query built it.
    func set(tagID: Int, minConfidence: Double, build: () -> SearchBitset) -> SearchBitset {
        let key = Key(tagID: tagID, minConfidence: minConfidence.bitPattern)
        if let set = entries.withLock({ $0.sets[key] }) { return set }
        let set = build()
        let size = set.words.count * 8
        entries.withLock { entries in
            if entries.bytes + size > Self.byteLimit { entries = Entries() }
            if entries.sets.updateValue(set, forKey: key) == nil { entries.bytes += size }
        }
        return set
    }

    /// Tag `tagID`'s confidence by slot, built by `build` unless an earlier query built it.
    func confidences(tagID: Int, build: () -> [Double]) -> [Double] {
        if let confidences = entries.withLock({ $0.confidences[tagID] }) { return confidences }
        let confidences = build()
        let size = confidences.count * 8
        entries.withLock { entries in
            if entries.bytes + size > Self.byteLimit { entries = Entries() }
            if entries.confidences.updateValue(confidences, forKey: tagID) == nil { entries.bytes += size }
        }
        return confidences
    }
}
