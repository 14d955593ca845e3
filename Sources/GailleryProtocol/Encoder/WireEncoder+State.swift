/// The output and bookkeeping of one `WireEncoder` run: a byte buffer written front to back, and the
/// stack of JSON containers that are still open.
///
/// Streaming model. Every place a value can go is a *slot* with a fresh id. A slot is filled by the
/// first thing written for it: a scalar, or a container whose opening bracket is written at once. A
/// container's closing bracket is written lazily, when its parent writes its next element or when the
/// run ends. That is exactly the order synthesized `Encodable` conformances use; a conformance that
/// writes into a container after a later sibling has started cannot be streamed, so the run marks
/// itself `needsFallback` and `WireEncoder` re-encodes with Foundation's `JSONEncoder`.
///
/// Not thread-safe: each thread has its own state, reused run after run (see `checkOut`).
final class WireEncoderState {
    /// The JSON text so far (see `WireEncoder+Buffer.swift`): `count` bytes at `base`.
    @exclusivity(unchecked) var base: UnsafeMutablePointer<UInt8>
    /// The number of bytes written.
    @exclusivity(unchecked) var count = 0
    /// The number of bytes `base` has room for.
    @exclusivity(unchecked) var capacity: Int
    /// The open containers, outermost first; a container at level `n` is `frames[n]`.
    @exclusivity(unchecked) var frames: [WireFrame] = []
    /// `pathKeys[n]` is the key of the child being encoded inside `frames[n]` (for `codingPath`).
    @exclusivity(unchecked) var pathKeys: [any CodingKey] = []
    /// The slot waiting for its value (always at the end of the text), or 0 for none.
    @exclusivity(unchecked) var pendingSlot: UInt32 = 0
    /// The last slot id handed out.
    @exclusivity(unchecked) var lastSlot: UInt32 = 0
    /// Set when the value used its containers in an order this writer cannot stream.
    @exclusivity(unchecked) var needsFallback = false
    /// Set when containers nest deeper than `maximumDepth`.
    @exclusivity(unchecked) var tooDeep = false
    /// Converted keys and known types, kept across this thread's runs.
    let cache = WireEncoderCache()
    /// Whether a run is using this state (an `encode(to:)` may itself call `WireEncoder`).
    @exclusivity(unchecked) var inUse = false

    /// Foundation's writer refuses containers nested this deep; so does this one.
    static let maximumDepth = 512
    /// The id of containers and encoders made after the run was marked for fallback; never filled.
    static let deadSlot = UInt32.max

    /// A state with an empty buffer.
    init() {
        capacity = Self.initialCapacity
        base = .allocate(capacity: capacity)
        frames.reserveCapacity(16)
        pathKeys.reserveCapacity(16)
    }

    /// Bytes allocated for a new buffer, and what an oversized one shrinks back to after a run.
    static let initialCapacity = 1024
    /// A buffer that grew past this many bytes is given back after its run.
    static let keptCapacity = 1 << 20

    /// Empties the state for the next run, keeping its buffers (up to `keptCapacity` bytes).
    func reset() {
        count = 0
        frames.removeAll(keepingCapacity: true)
        pathKeys.removeAll(keepingCapacity: true)
        pendingSlot = 0
        lastSlot = 0
        needsFallback = false
        tooDeep = false
        if capacity > Self.keptCapacity {
            base.deallocate()
            capacity = Self.initialCapacity
            base = .allocate(capacity: capacity)
        }
    }

    deinit {
        base.deallocate()
    }

    /// A new slot id, made the pending one.
    @inline(__always)
    func newPendingSlot() -> UInt32 {
        lastSlot &+= 1
        pendingSlot = lastSlot
        return lastSlot
    }

    /// Records that the value could not be streamed and returns the error that unwinds the run.
    func fallback() -> WireEncoderFallback {
        needsFallback = true
        return WireEncoderFallback()
    }

    /// Writes `{}` for a pending slot that was left without a value (Foundation's empty default).
    @inline(__always)
    func resolvePendingSlot() {
        if pendingSlot != 0 {
            pendingSlot = 0
            append(UInt8(ascii: "{"), UInt8(ascii: "}"))
        }
    }

    /// Prepares the container `slot` at `level` for its next element: closes deeper containers and
    /// writes the separating comma.
    ///
    /// - Throws: `WireEncoderFallback` when that container is already closed.
    @inline(__always)
    func beginElement(level: Int, slot: UInt32) throws {
        resolvePendingSlot()
        guard level < frames.count, frames[level].slot == slot else { throw fallback() }
        if frames.count > level &+ 1 { closeFrames(keeping: level &+ 1) }
        let last = base[count &- 1]
        if last != UInt8(ascii: "{") && last != UInt8(ascii: "[") { append(UInt8(ascii: ",")) }
    }

    /// Writes the closing brackets of every open container beyond the first `depth`.
    func closeFrames(keeping depth: Int) {
        while frames.count > depth { append(frames.removeLast().closer) }
    }

    /// Opens (or, when the same encoder asks again, reuses) a container for `slot` at `level`.
    ///
    /// Never throws, because `Encoder.container(keyedBy:)` cannot; an impossible request marks the run
    /// for fallback instead, and the returned container's writes then fail.
    func openContainer(level: Int, slot: UInt32, closer: UInt8) {
        if pendingSlot == slot, frames.count == level {
            pendingSlot = 0
            if frames.count >= Self.maximumDepth - 1 { tooDeep = true }
            frames.append(WireFrame(slot: slot, closer: closer))
            append(closer == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "["))
        } else if level < frames.count, frames[level].slot == slot, frames[level].closer == closer {
            return  // the same encoder asked for its container again (e.g. a superclass and a subclass)
        } else {
            needsFallback = true
        }
    }

    /// Opens a nested container as the current element of the container at `level` (whose element
    /// has been begun) and returns the new container's id.
    func openNestedContainer(level: Int, closer: UInt8) -> UInt32 {
        let slot = newPendingSlot()
        openContainer(level: level &+ 1, slot: slot, closer: closer)
        return slot
    }

    /// Marks `slot` filled by a scalar about to be written.
    ///
    /// - Throws: `WireEncoderFallback` when the slot already has a value or its place has passed.
    @inline(__always)
    func fill(slot: UInt32) throws {
        guard pendingSlot == slot else { throw fallback() }
        pendingSlot = 0
    }

    /// Records the key of the child about to be encoded inside the container at `level`.
    @inline(__always)
    func setPathKey(_ key: any CodingKey, level: Int) {
        if level < pathKeys.count {
            pathKeys[level] = key
        } else {
            while pathKeys.count < level { pathKeys.append(WireIndexKey(index: -1)) }
            pathKeys.append(key)
        }
    }

    /// The coding path of the encoder (or container) at `level`.
    func codingPath(level: Int) -> [any CodingKey] {
        Array(pathKeys.prefix(level))
    }

    /// Closes every container; the text is then complete.
    func finish() {
        resolvePendingSlot()
        closeFrames(keeping: 0)
    }
}

/// One open JSON container.
struct WireFrame {
    /// The id of the slot the container fills; containers check it on every write.
    var slot: UInt32
    /// `}` or `]`.
    var closer: UInt8
}

/// Thrown inside a run when the value cannot be streamed; `WireEncoder` catches it and falls back.
struct WireEncoderFallback: Error {}

/// An array index as a coding key, as Foundation reports it in coding paths ("Index 3").
struct WireIndexKey: CodingKey {
    /// The element's index.
    var index: Int
    /// "Index N".
    var stringValue: String { "Index \(index)" }
    /// The index.
    var intValue: Int? { index }

    /// A key for element `index`.
    init(index: Int) { self.index = index }
    /// Not used: index keys are only made from indexes.
    init?(stringValue: String) { nil }
    /// A key for element `intValue`.
    init?(intValue: Int) { self.index = intValue }
}

/// A plain string as a coding key: dictionary keys and "super".
struct WireStringKey: CodingKey {
    /// The key text.
    var stringValue: String
    /// Always nil.
    var intValue: Int? { nil }

    /// A key with text `stringValue`.
    init(stringValue: String) { self.stringValue = stringValue }
    /// Not used.
    init?(intValue: Int) { nil }
}
