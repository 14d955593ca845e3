import GailleryCore

/// A tag's text compared and hashed by its UTF-8 bytes, as SQLite's `BINARY` collation compares it
/// (`String` equality is Unicode canonical equivalence, under which two different stored tags could
/// be one).
struct SearchTagKey: Hashable, Sendable {
    /// The tag as stored in `photo_tags.tag`.
    let text: String

    static func == (left: SearchTagKey, right: SearchTagKey) -> Bool { left.text.utf8.elementsEqual(right.text.utf8) }

    func hash(into hasher: inout Hasher) {
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
    }
}

/// One tag's photos, slots ascending, each with the photo's best confidence for the tag (the largest
/// of its rows: a manual row has 1, so it wins over the model's), and the same postings ranked as
/// search hits are ordered (confidence descending, then slot descending), so the best photos for the
/// tag come first.
struct SearchPostings: Sendable {
    /// Photo slots, strictly ascending.
    private(set) var slots: [Int32] = []
    /// `confidences[i]` belongs to `slots[i]`; 0...1.
    private(set) var confidences: [Double] = []
    /// The slots by rank: confidence descending, then slot descending.
    private(set) var rankedSlots: [Int32] = []
    /// `rankedConfidences[i]` belongs to `rankedSlots[i]`.
    private(set) var rankedConfidences: [Double] = []

    var count: Int { slots.count }

    /// Adds a posting after every slot held, for a full load; `sortRanks()` must follow the last one.
    mutating func append(slot: Int32, confidence: Double) {
        slots.append(slot)
        confidences.append(confidence)
        rankedSlots.append(slot)
        rankedConfidences.append(confidence)
    }

    /// Puts the ranked postings in rank order after `append`s.
    mutating func sortRanks() {
        let order = rankedSlots.indices.sorted {
            Self.ranksBefore((rankedConfidences[$0], rankedSlots[$0]), (rankedConfidences[$1], rankedSlots[$1]))
        }
        let (slots, confidences) = (rankedSlots, rankedConfidences)
        rankedSlots = order.map { slots[$0] }
        rankedConfidences = order.map { confidences[$0] }
    }

    /// Adds a posting for a slot not held.
    mutating func insert(slot: Int32, confidence: Double) {
        let index = slots.lowerBound(slot)
        slots.insert(slot, at: index)
        confidences.insert(confidence, at: index)
        let rank = self.rank(of: (confidence, slot))
        rankedSlots.insert(slot, at: rank)
        rankedConfidences.insert(confidence, at: rank)
    }

    /// Removes the posting of `slot`, if there is one.
    mutating func remove(slot: Int32) {
        let index = slots.lowerBound(slot)
        guard index < slots.count, slots[index] == slot else { return }
        let rank = self.rank(of: (confidences[index], slot))
        slots.remove(at: index)
        confidences.remove(at: index)
        rankedSlots.remove(at: rank)
        rankedConfidences.remove(at: rank)
    }

    /// `slot`'s confidence when it has the tag at `minConfidence` or more; else nil.
    func confidence(of slot: Int32, atLeast minConfidence: Double) -> Double? {
        let index = slots.lowerBound(slot)
        guard index < slots.count, slots[index] == slot, confidences[index] >= minConfidence else { return nil }
        return confidences[index]
    }

    /// How many ranked postings have `minConfidence` or more (they come first).
    func rankedCount(atLeast minConfidence: Double) -> Int {
        rankedConfidences.withUnsafeBufferPointer { ranked in
            var low = 0
            var high = ranked.count
            while low < high {
                let middle = (low &+ high) / 2
                if ranked[middle] >= minConfidence { low = middle &+ 1 } else { high = middle }
            }
            return low
        }
    }

    /// The index of the first ranked posting that `posting` ranks before (where it goes, or is).
    private func rank(of posting: (confidence: Double, slot: Int32)) -> Int {
        var low = 0
        var high = rankedSlots.count
        while low < high {
            let middle = (low + high) / 2
            if Self.ranksBefore((rankedConfidences[middle], rankedSlots[middle]), posting) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Hit order: higher confidence first, then the higher slot (the newer photo).
    static func ranksBefore(_ left: (Double, Int32), _ right: (Double, Int32)) -> Bool {
        left.0 > right.0 || (left.0 == right.0 && left.1 > right.1)
    }
}

/// The in-memory search index as of one commit: every photo's slot (its rank by id), trash state,
/// status and local date, and every tag's postings. `SearchIndex` keeps it in step with the database;
/// `hits(…)` answers queries from it.
///
/// Slots are assigned in id order and never move, so "newest first" is "highest slot first". A deleted
/// photo's slot stays, dead, until the next rebuild; a photo whose id is below the highest slot's can't
/// get a slot, and asks for a rebuild.
struct SearchIndexState: Sendable {
    /// `search_changes.seq` of the last change applied.
    var version: Int64
    /// Photo ids by slot, strictly ascending.
    private(set) var ids: [Int64] = []
    /// Slots of photos that exist and are not in the trash.
    private(set) var visible = SearchBitset(count: 0)
    /// `Self.statusCodes` by slot; `deadStatus` for a deleted photo, 0 for an unknown status text.
    private(set) var statuses: [UInt8] = []
    /// The local date (`COALESCE(taken_at, added_at as local time)`) by slot.
    private(set) var dates: [SearchDateKey] = []
    /// Live slots whose local date is text but not in `SearchDateKey`'s form, with that text.
    private(set) var longDates: [Int32: String] = [:]
    /// Live slots whose local date is not text (NULL): date filters then take the SQL path, whose
    /// three-valued logic the index doesn't model.
    private(set) var nonTextDates: Set<Int32> = []
    /// Dead slots.
    private(set) var deadCount = 0
    /// Tag ids (indexes into `postings`).
    private(set) var tagIDs: [SearchTagKey: Int] = [:]
    /// Postings by tag id.
    private(set) var postings: [SearchPostings] = []
    /// Whether every tag's ranked postings are in rank order (false between a full load's
    /// `appendPosting`s and its `finishLoad()`).
    private(set) var ranksSorted = true
    /// Tag bitsets built by earlier queries on this state; replaced, empty, by every change.
    private(set) var tagCache = SearchTagCache()

    /// The status byte of a dead slot.
    static let deadStatus: UInt8 = 255

    /// Status codes: 1 + the index in `PhotoStatus.allCases`.
    static let statusCodes: [String: UInt8] = Dictionary(
        uniqueKeysWithValues: PhotoStatus.allCases.enumerated().map { ($1.rawValue, UInt8($0 + 1)) })

    /// An empty index at `version`.
    init(version: Int64) {
        self.version = version
    }

    /// The slot of photo `id`, if it has one.
    func slot(of id: Int64) -> Int? {
        let index = ids.lowerBound(id)
        return index < ids.count && ids[index] == id ? index : nil
    }

    /// Sets photo `id`'s row (nil when it no longer exists) and its tags, replacing what the index had.
    ///
    /// - Returns: false when `id` is new and below the highest id in the index (the caller rebuilds).
    mutating func update(_ id: Int64, row: SearchPhotoRow?, tags: [(tag: String, confidence: Double)]) -> Bool {
        tagCache = SearchTagCache()
        guard let slot = self.slot(of: id) else {
            guard let row else { return true }
            guard ids.last.map({ id > $0 }) ?? true else { return false }
            append(id, row: row)
            addPostings(of: Int32(ids.count - 1), tags)
            return true
        }
        removePostings(of: Int32(slot))
        if statuses[slot] == Self.deadStatus, row != nil { deadCount -= 1 }
        if statuses[slot] != Self.deadStatus, row == nil { deadCount += 1 }
        if let row {
            set(slot, row)
            addPostings(of: Int32(slot), tags)
        } else {
            visible.update(slot, member: false)
            statuses[slot] = Self.deadStatus
            dates[slot] = .minimum
            longDates[Int32(slot)] = nil
            nonTextDates.remove(Int32(slot))
        }
        return true
    }

    /// Appends a photo that exists, with an id above every id in the index (its tags come after, from
    /// `appendPosting` or `update`'s caller).
    mutating func append(_ id: Int64, row: SearchPhotoRow) {
        tagCache = SearchTagCache()
        ids.append(id)
        visible.append(false)
        statuses.append(0)
        dates.append(.minimum)
        set(ids.count - 1, row)
    }

    /// Adds a posting for the photo at `slot`, for a full load in slot order; `finishLoad()` follows
    /// the last one.
    mutating func appendPosting(slot: Int, tag: String, confidence: Double) {
        let tagID = id(of: tag)
        postings[tagID].append(slot: Int32(slot), confidence: confidence)
        ranksSorted = false
    }

    /// Ranks the postings a full load appended.
    mutating func finishLoad() {
        for tagID in postings.indices { postings[tagID].sortRanks() }
        ranksSorted = true
        tagCache = SearchTagCache()
    }

    private mutating func set(_ slot: Int, _ row: SearchPhotoRow) {
        visible.update(slot, member: !row.trashed)
        statuses[slot] = Self.statusCodes[row.status] ?? 0
        let key = row.date.flatMap(SearchDateKey.init)
        dates[slot] = key ?? .minimum
        longDates[Int32(slot)] = key == nil ? row.date : nil
        if row.date == nil { nonTextDates.insert(Int32(slot)) } else { nonTextDates.remove(Int32(slot)) }
    }

    private mutating func id(of tag: String) -> Int {
        let key = SearchTagKey(text: tag)
        if let id = tagIDs[key] { return id }
        tagIDs[key] = postings.count
        postings.append(SearchPostings())
        return postings.count - 1
    }

    private mutating func removePostings(of slot: Int32) {
        for tagID in postings.indices { postings[tagID].remove(slot: slot) }
    }

    private mutating func addPostings(of slot: Int32, _ tags: [(tag: String, confidence: Double)]) {
        for (tag, confidence) in tags {
            postings[id(of: tag)].insert(slot: slot, confidence: confidence)
        }
    }

    /// Bytes held by the arrays and tables, by their capacities (an estimate of the index's memory).
    var memoryFootprint: Int {
        let perSlot =
            ids.capacity * 8 + statuses.capacity + dates.capacity * MemoryLayout<SearchDateKey>.stride
            + visible.words.capacity * 8
        let perPosting = postings.reduce(0) {
            $0 + ($1.slots.capacity + $1.rankedSlots.capacity) * 4
                + ($1.confidences.capacity + $1.rankedConfidences.capacity) * 8
        }
        let tags = tagIDs.keys.reduce(0) { $0 + 48 + max(0, $1.text.utf8.count - 15) } + postings.capacity * 48
        return perSlot + perPosting + tags + longDates.capacity * 32 + nonTextDates.capacity * 8 + tagCache.bytes
    }
}

/// What the index keeps of a `photos` row.
struct SearchPhotoRow: Sendable {
    /// `photos.status`.
    var status: String
    /// `COALESCE(taken_at, added_at as local time)` when it is text, else nil.
    var date: String?
    /// Whether `trashed_at` is set.
    var trashed: Bool
}

extension Array where Element: Comparable {
    /// The index of the first element not below `value` in this ascending array (`count` when none).
    func lowerBound(_ value: Element) -> Int {
        withUnsafeBufferPointer { elements in
            var low = 0
            var high = elements.count
            while low < high {
                let middle = (low + high) / 2
                if elements[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }
}
