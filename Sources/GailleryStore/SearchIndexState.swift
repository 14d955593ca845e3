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
/// of its rows: a manual row has 1, so it wins over the model's).
struct SearchPostings: Sendable {
    /// Photo slots, strictly ascending.
    var slots: [Int32] = []
    /// `confidences[i]` belongs to `slots[i]`; 0...1.
    var confidences: [Double] = []
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
        ids.append(id)
        visible.append(false)
        statuses.append(0)
        dates.append(.minimum)
        set(ids.count - 1, row)
    }

    /// Adds a posting for the photo at `slot`, for a full load in slot order.
    mutating func appendPosting(slot: Int, tag: String, confidence: Double) {
        let tagID = id(of: tag)
        postings[tagID].slots.append(Int32(slot))
        postings[tagID].confidences.append(confidence)
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
        for tagID in postings.indices {
            let index = postings[tagID].slots.lowerBound(slot)
            guard index < postings[tagID].slots.count, postings[tagID].slots[index] == slot else { continue }
            postings[tagID].slots.remove(at: index)
            postings[tagID].confidences.remove(at: index)
        }
    }

    private mutating func addPostings(of slot: Int32, _ tags: [(tag: String, confidence: Double)]) {
        for (tag, confidence) in tags {
            let tagID = id(of: tag)
            let index = postings[tagID].slots.lowerBound(slot)
            postings[tagID].slots.insert(slot, at: index)
            postings[tagID].confidences.insert(confidence, at: index)
        }
    }

    /// Bytes held by the arrays and tables, by their capacities (an estimate of the index's memory).
    var memoryFootprint: Int {
        let perSlot =
            ids.capacity * 8 + statuses.capacity + dates.capacity * MemoryLayout<SearchDateKey>.stride
            + visible.words.capacity * 8
        let perPosting = postings.reduce(0) { $0 + $1.slots.capacity * 4 + $1.confidences.capacity * 8 }
        let tags = tagIDs.keys.reduce(0) { $0 + 48 + max(0, $1.text.utf8.count - 15) } + postings.capacity * 48
        return perSlot + perPosting + tags + longDates.capacity * 32 + nonTextDates.capacity * 8
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
