/// What a thread's runs have learned: the JSON text of each coding key (`"snake_key":`, converted and
/// escaped once) and whether each value type has a direct form (`WireDirectEncodable`, one dynamic cast
/// per type). Each thread has its own (see `WireEncoderState.checkOut`), so it needs no lock.
///
/// Keys of plain-data types of 0, 1, 2, 4 or 8 bytes (every synthesized `CodingKeys` enum) are found
/// by their type and bit pattern in an open-addressing table: a multiply and a compare instead of
/// hashing the key's string. This assumes, as every sane `CodingKey` does, that `stringValue` depends
/// only on the key's value. Other keys are found by their string value. Storage is raw memory so a
/// lookup is a few loads.
final class WireEncoderCache {
    /// Past this many entries the cache is emptied and starts again (keys made up at run time could
    /// otherwise grow it without bound).
    static let capacity = 4096

    /// All key texts, back to back: `textCount` bytes at `text`.
    @exclusivity(unchecked) private(set) var text: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var textCount = 0
    @exclusivity(unchecked) private var textCapacity = 1024
    @exclusivity(unchecked) private var keys = WireProbeTable()
    @exclusivity(unchecked) private var types = WireProbeTable()
    @exclusivity(unchecked) private var keysByString: [String: Range<Int>] = [:]

    /// An empty cache.
    init() {
        text = .allocate(capacity: textCapacity)
    }

    deinit {
        text.deallocate()
        keys.deallocate()
        types.deallocate()
    }

    /// The text range of a typed key, or nil.
    @inline(__always)
    func keyText(type: UInt, bits: UInt64) -> Range<Int>? {
        keys.find(type: type, bits: bits).map {
            Int(truncatingIfNeeded: $0 >> 32)..<Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF)
        }
    }

    /// The text range of a key known by its string value, or nil.
    func keyText(string: String) -> Range<Int>? {
        keysByString[string]
    }

    /// Whether the value type `type` (its metadata address) has a direct form, or nil if not known.
    @inline(__always)
    func isDirect(type: UInt) -> Bool? {
        types.find(type: type, bits: 0).map { $0 != 0 }
    }

    /// Remembers a typed key's text.
    func addKey(type: UInt, bits: UInt64, text keyText: UnsafeBufferPointer<UInt8>) {
        makeRoom()
        keys.insert(type: type, bits: bits, payload: UInt64(textCount) << 32 | UInt64(textCount + keyText.count))
        appendText(keyText)
    }

    /// Remembers a string key's text.
    func addKey(string: String, text keyText: UnsafeBufferPointer<UInt8>) {
        makeRoom()
        keysByString[string] = textCount..<(textCount + keyText.count)
        appendText(keyText)
    }

    /// Remembers whether a value type has a direct form.
    func addType(_ type: UInt, isDirect: Bool) {
        makeRoom()
        types.insert(type: type, bits: 0, payload: isDirect ? 1 : 0)
    }

    private func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        if textCount + bytes.count > textCapacity {
            while textCount + bytes.count > textCapacity { textCapacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: textCapacity)
            grown.update(from: text, count: textCount)
            text.deallocate()
            text = grown
        }
        if let source = bytes.baseAddress { (text + textCount).update(from: source, count: bytes.count) }
        textCount += bytes.count
    }

    private func makeRoom() {
        guard keys.count + types.count + keysByString.count >= Self.capacity else { return }
        keys.removeAll()
        types.removeAll()
        keysByString = [:]
        textCount = 0
    }

    /// The bit pattern of a plain-data key of 0, 1, 2, 4 or 8 bytes, or nil for any other key.
    @inline(__always)
    static func bits<Key: CodingKey>(of key: Key) -> UInt64? {
        guard _isPOD(Key.self) else { return nil }
        switch MemoryLayout<Key>.size {  // unsafeBitCast checks that the sizes match; these do
        case 0: return 0
        case 1: return UInt64(unsafeBitCast(key, to: UInt8.self))
        case 2: return UInt64(unsafeBitCast(key, to: UInt16.self))
        case 4: return UInt64(unsafeBitCast(key, to: UInt32.self))
        case 8: return unsafeBitCast(key, to: UInt64.self)
        default: return nil
        }
    }
}

/// An open-addressing hash table from (type address, bits) to a 64-bit payload, in raw memory owned
/// by its `WireEncoderCache`. At most half full; `type == 0` marks an empty slot.
struct WireProbeTable {
    private struct Slot {
        var type: UInt = 0
        var bits: UInt64 = 0
        var payload: UInt64 = 0
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    /// The number of entries.
    private(set) var count = 0

    /// An empty table.
    init() {
        mask = 63
        slots = .allocate(capacity: mask + 1)
        slots.initialize(repeating: Slot(), count: mask + 1)
    }

    /// Frees the memory; the table must not be used afterwards.
    func deallocate() {
        slots.deallocate()
    }

    /// Removes every entry.
    mutating func removeAll() {
        slots.update(repeating: Slot(), count: mask + 1)
        count = 0
    }

    /// The payload for (`type`, `bits`), or nil.
    @inline(__always)
    func find(type: UInt, bits: UInt64) -> UInt64? {
        var index = Self.hash(type: type, bits: bits) & mask
        while true {
            let slot = slots[index]
            if slot.type == type && slot.bits == bits { return slot.payload }
            if slot.type == 0 { return nil }
            index = (index &+ 1) & mask
        }
    }

    /// Adds an entry (whose key is not in the table), doubling the table when it is half full.
    mutating func insert(type: UInt, bits: UInt64, payload: UInt64) {
        if (count + 1) * 2 > mask + 1 {
            let old = slots
            let oldSize = mask + 1
            mask = oldSize * 2 - 1
            slots = .allocate(capacity: mask + 1)
            slots.initialize(repeating: Slot(), count: mask + 1)
            for index in 0..<oldSize where old[index].type != 0 { place(old[index]) }
            old.deallocate()
        }
        place(Slot(type: type, bits: bits, payload: payload))
        count += 1
    }

    private func place(_ slot: Slot) {
        var index = Self.hash(type: slot.type, bits: slot.bits) & mask
        while slots[index].type != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    @inline(__always)
    private static func hash(type: UInt, bits: UInt64) -> Int {
        var mixed = (UInt64(type) &* 0x9E37_79B9_7F4A_7C15) ^ (bits &* 0xC2B2_AE3D_27D4_EB4F)
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed)
    }
}
