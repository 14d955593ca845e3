import Synchronization

/// One method's params as `FlatParams` decoded them, by the params object's bytes: clients repeat the
/// same small params (a search and its refreshes, `photos.get` of the photo on screen, `photos.wait`
/// polls), and decoding them through `Decodable` costs about 10 µs, as much as answering a search from
/// the in-memory index.
///
/// Decoding is a function of the bytes alone, so entries never go stale. Only objects of at most
/// `maximumKeyLength` bytes are kept (uploads with inline data never are), and only ones the flat path
/// read: params Foundation had to decode, and failures, are decoded again each time.
final class ParamsCache<Params: Sendable>: Sendable {
    /// The longest params object kept.
    static var maximumKeyLength: Int { 256 }

    private let capacity: Int
    // Read and filled from every event loop and pool thread.
    private let entries = Mutex<[[UInt8]: Params]>([:])

    /// A cache of at most `capacity` params objects (emptied when full).
    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The params decoded from `bytes`: the kept ones, or `decode`'s, kept when not nil.
    func params(_ bytes: UnsafeRawBufferPointer, decode: () -> Params?) -> Params? {
        guard bytes.count <= Self.maximumKeyLength else { return decode() }
        let key = [UInt8](bytes)
        if let params = entries.withLock({ $0[key] }) { return params }
        guard let params = decode() else { return nil }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = params
        }
        return params
    }

    /// How many params objects are kept (for tests).
    var count: Int { entries.withLock { $0.count } }
}
