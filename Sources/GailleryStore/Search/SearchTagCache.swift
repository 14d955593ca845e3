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

    /// The bytes of the bitsets and arrays held.
    var bytes: Int { entries.withLock { $0.bytes } }

    /// The set for tag `tagID` at `minConfidence`, built by `build` unless an earlier query built it.
    func set(tagID: Int, minConfidence: Double, build: () -> SearchBitset) -> SearchBitset {
        cached(\.sets, Key(tagID: tagID, minConfidence: minConfidence.bitPattern), bytes: { $0.words.count * 8 }, build)
    }

    /// Tag `tagID`'s confidence by slot, built by `build` unless an earlier query built it.
    func confidences(tagID: Int, build: () -> [Double]) -> [Double] {
        cached(\.confidences, tagID, bytes: { $0.count * 8 }, build)
    }

    /// The entry `key` of `table`, built (outside the lock) and kept unless an earlier query did; the
    /// cache is emptied first when keeping it would pass `byteLimit`.
    private func cached<EntryKey: Hashable & Sendable, Value: Sendable>(
        _ table: WritableKeyPath<Entries, [EntryKey: Value]>, _ key: EntryKey, bytes: (Value) -> Int,
        _ build: () -> Value
    ) -> Value {
        if let value = entries.withLock({ $0[keyPath: table][key] }) { return value }
        let value = build()
        let size = bytes(value)
        entries.withLock { entries in
            if entries.bytes + size > Self.byteLimit { entries = Entries() }
            if entries[keyPath: table].updateValue(value, forKey: key) == nil { entries.bytes += size }
        }
        return value
    }
}
