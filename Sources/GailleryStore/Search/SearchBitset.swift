/// A fixed-size set of photo slots (`0..<count`) as 64-bit words: the in-memory search index answers
/// AND, OR and NOT with one pass of word operations each.
struct SearchBitset: Equatable, Sendable {
    /// The words, bit `i % 64` of word `i / 64` for slot `i`; bits at `count` and above are always 0.
    private(set) var words: [UInt64]
    /// The number of slots the set ranges over.
    private(set) var count: Int

    /// An empty set over `count` slots, or the full one when `full`.
    init(count: Int, full: Bool = false) {
        self.count = count
        words = Array(repeating: full ? ~0 : 0, count: (count + 63) / 64)
        if full { clearTail() }
    }

    /// The slots `0..<count` for which `isMember` is true, built a word at a time.
    init(count: Int, where isMember: (Int) -> Bool) {
        self.init(count: count)
        words.withUnsafeMutableBufferPointer { words in
            for index in words.indices {
                var word: UInt64 = 0
                let base = index << 6
                for bit in 0..<min(64, count - base) {
                    word |= UInt64(isMember(base + bit) ? 1 : 0) &<< UInt64(bit)  // no branch to mispredict
                }
                words[index] = word
            }
        }
    }

    /// The slots among `slots` (strictly ascending, each in `0..<count`) whose index in it passes
    /// `isKept`. Each word is built in a register and stored whole, so consecutive slots in one word
    /// don't wait on each other through memory as repeated `insert`s would.
    init(count: Int, ascending slots: UnsafeBufferPointer<Int32>, keeping isKept: (Int) -> Bool) {
        self.init(count: count)
        words.withUnsafeMutableBufferPointer { words in
            var wordIndex = -1
            var word: UInt64 = 0
            for index in slots.indices where isKept(index) {
                let slot = Int(slots[index])
                word = (slot >> 6 == wordIndex ? word : 0) | 1 &<< UInt64(slot & 63)
                wordIndex = slot >> 6
                words[wordIndex] = word
            }
        }
    }

    /// Adds `slot` (`0..<count`).
    mutating func insert(_ slot: Int) {
        words[slot >> 6] |= 1 &<< UInt64(slot & 63)
    }

    /// Adds `slot` (`0..<count`) when `member`, else removes it.
    mutating func update(_ slot: Int, member: Bool) {
        if member { insert(slot) } else { words[slot >> 6] &= ~(1 &<< UInt64(slot & 63)) }
    }

    /// Grows the range by one slot, `count`, in the set when `member`.
    mutating func append(_ member: Bool) {
        if count & 63 == 0 { words.append(0) }
        count += 1
        update(count - 1, member: member)
    }

    /// Whether `slot` (`0..<count`) is in the set.
    func contains(_ slot: Int) -> Bool {
        words[slot >> 6] & (1 &<< UInt64(slot & 63)) != 0
    }

    /// Keeps only the slots that are also in `other` (of the same `count`).
    mutating func formIntersection(_ other: SearchBitset) {
        combine(other) { $0 & $1 }
    }

    /// Adds the slots of `other` (of the same `count`).
    mutating func formUnion(_ other: SearchBitset) {
        combine(other) { $0 | $1 }
    }

    /// Replaces the set by its complement in `0..<count`.
    mutating func invert() {
        words.withUnsafeMutableBufferPointer { words in
            for index in words.indices { words[index] = ~words[index] }
        }
        clearTail()
    }

    /// Calls `body` with each slot in the set, from the highest down, until it returns false.
    func forEachDescending(_ body: (Int) throws -> Bool) rethrows {
        for index in words.indices.reversed() {
            var word = words[index]
            while word != 0 {
                let bit = 63 - word.leadingZeroBitCount
                guard try body(index << 6 | bit) else { return }
                word &= ~(1 &<< UInt64(bit))
            }
        }
    }

    private mutating func combine(_ other: SearchBitset, _ operation: (UInt64, UInt64) -> UInt64) {
        precondition(other.count == count, "bitsets over different slot counts")
        other.words.withUnsafeBufferPointer { source in
            words.withUnsafeMutableBufferPointer { target in
                for index in target.indices { target[index] = operation(target[index], source[index]) }
            }
        }
    }

    private mutating func clearTail() {
        let used = count & 63
        if used != 0 { words[words.count - 1] &= (1 &<< UInt64(used)) - 1 }
    }
}
