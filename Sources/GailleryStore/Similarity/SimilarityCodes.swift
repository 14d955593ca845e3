import CSimilarityKernel
import Dispatch
import Synchronization

/// The vectors "more like this" searches, kept compact: each L2-normalised embedding as int8 codes with
/// one float scale (value ≈ code × scale), 1,280 bytes a photo instead of 5,120 (100,000 photos: 128 MB
/// instead of 512 MB), with its perceptual hash and model. Cosine similarity is the dot product of the
/// codes (exact integer arithmetic) times both scales; its error against float32 is about 0.001
/// (Benchmarks/README.md, Similar, has the recall against an exact float32 search).
///
/// Slots are packed: removing a photo moves the last slot into its place, so a scan never skips holes.
package struct SimilarityCodes: Sendable {
    /// One nearest neighbour.
    package struct Neighbour: Sendable, Equatable {
        /// The photo id.
        package var id: Int64
        /// Cosine similarity, -1...1.
        package var score: Double

        /// Memberwise initializer.
        package init(id: Int64, score: Double) {
            self.id = id
            self.score = score
        }
    }

    /// Values per vector; 0 until the first vector fixes it.
    package private(set) var dimension = 0
    /// Photo id per slot.
    package private(set) var ids: [Int64] = []
    /// `ids.count × dimension` codes, slot after slot.
    private var codes: [Int8] = []
    /// Scale per slot.
    private var scales: [Float] = []
    /// Perceptual hash per slot.
    package private(set) var hashes: [UInt64] = []
    /// Model number (`models` index) per slot: vectors of different models are never compared.
    private var modelOfSlot: [UInt16] = []
    private var models: [String] = []
    private var slotOfID: [Int64: Int] = [:]

    /// An empty set.
    package init() {}

    /// The number of photos held.
    package var count: Int { ids.count }

    /// The bytes the codes, scales, hashes and ids take (capacities not counted).
    package var memoryFootprint: Int { codes.count + ids.count * (8 + 4 + 8 + 2) + slotOfID.count * 16 }

    /// Whether `id` is held.
    package func contains(_ id: Int64) -> Bool { slotOfID[id] != nil }

    /// The codes and scale of `vector`: the largest magnitude becomes ±127.
    package static func quantize(_ vector: [Float]) -> (codes: [Int8], scale: Float) {
        let largest = vector.reduce(Float(0)) { max($0, abs($1)) }
        guard largest > 0, largest.isFinite else { return ([Int8](repeating: 0, count: vector.count), 0) }
        let scale = largest / 127
        return (vector.map { Int8(($0 / scale).rounded()) }, scale)
    }

    /// Adds or replaces photo `id`. A vector whose length differs from the held ones is refused (false).
    @discardableResult
    package mutating func upsert(_ id: Int64, embedding: [Float], hash: UInt64, model: String) -> Bool {
        if dimension == 0 { dimension = embedding.count }
        guard embedding.count == dimension, dimension > 0 else { return false }
        let (vector, scale) = Self.quantize(embedding)
        let modelNumber = modelNumber(model)
        if let slot = slotOfID[id] {
            codes.replaceSubrange((slot * dimension)..<((slot + 1) * dimension), with: vector)
            scales[slot] = scale
            hashes[slot] = hash
            modelOfSlot[slot] = modelNumber
            return true
        }
        slotOfID[id] = ids.count
        ids.append(id)
        codes += vector
        scales.append(scale)
        hashes.append(hash)
        modelOfSlot.append(modelNumber)
        return true
    }

    /// Removes photo `id` if held.
    package mutating func remove(_ id: Int64) {
        guard let slot = slotOfID.removeValue(forKey: id) else { return }
        let last = ids.count - 1
        if slot != last {
            ids[slot] = ids[last]
            slotOfID[ids[slot]] = slot
            codes.withUnsafeMutableBufferPointer { buffer in
                for offset in 0..<dimension { buffer[slot * dimension + offset] = buffer[last * dimension + offset] }
            }
            scales[slot] = scales[last]
            hashes[slot] = hashes[last]
            modelOfSlot[slot] = modelOfSlot[last]
        }
        ids.removeLast()
        codes.removeLast(dimension)
        scales.removeLast()
        hashes.removeLast()
        modelOfSlot.removeLast()
    }

    /// The model that made `id`'s vector, when held.
    package func model(of id: Int64) -> String? {
        slotOfID[id].map { models[Int(modelOfSlot[$0])] }
    }

    /// The perceptual hash of `id`, when held.
    package func hash(of id: Int64) -> UInt64? { slotOfID[id].map { hashes[$0] } }

    /// The cosine similarity of two held photos (nil when either is missing or they come from different models).
    package func similarity(_ a: Int64, _ b: Int64) -> Double? {
        guard let first = slotOfID[a], let second = slotOfID[b], modelOfSlot[first] == modelOfSlot[second] else {
            return nil
        }
        return codes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let dot = Self.dot(base + first * dimension, base + second * dimension, dimension)
            return Double(dot) * Double(scales[first]) * Double(scales[second])
        }
    }

    /// The `limit` held photos most similar to photo `id` (itself left out), best first, among those of
    /// the same model; empty when `id` is not held. The scan is split over `threads` threads.
    package func nearest(to id: Int64, limit: Int, threads: Int = 2) -> [Neighbour] {
        guard let slot = slotOfID[id], limit > 0 else { return [] }
        let query = Array(codes[(slot * dimension)..<((slot + 1) * dimension)])
        return nearest(
            codes: query, scale: scales[slot], model: modelOfSlot[slot], limit: limit, excluding: slot,
            threads: threads)
    }

    /// The `limit` held photos most similar to `embedding` (made by `model`), best first.
    package func nearest(to embedding: [Float], model: String, limit: Int, threads: Int = 2) -> [Neighbour] {
        guard embedding.count == dimension, limit > 0, let number = models.firstIndex(of: model) else { return [] }
        let (query, scale) = Self.quantize(embedding)
        return nearest(
            codes: query, scale: scale, model: UInt16(number), limit: limit, excluding: nil,
            threads: threads)
    }

    private func nearest(
        codes query: [Int8], scale: Float, model: UInt16, limit: Int, excluding: Int?, threads: Int
    ) -> [Neighbour] {
        let count = ids.count
        let parts = max(1, min(threads, count / 4096 + 1))
        let found = PartResults(parts: parts)
        let (dimension, codes, scales, models) = (dimension, codes, scales, modelOfSlot)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (count * part / parts)..<(count * (part + 1) / parts)
            var scores = [Float](repeating: 0, count: range.count)
            codes.withUnsafeBufferPointer { all in
                query.withUnsafeBufferPointer { q in
                    scales.withUnsafeBufferPointer { s in
                        scores.withUnsafeMutableBufferPointer { out in
                            gsim_scan_i8(
                                all.baseAddress, s.baseAddress, range.lowerBound, range.count, dimension, q.baseAddress,
                                out.baseAddress)
                        }
                    }
                }
            }
            var best = TopScores(limit: limit)
            for (offset, score) in scores.enumerated() {
                let slot = range.lowerBound + offset
                if models[slot] == model && slot != excluding { best.offer(slot: slot, score: score) }
            }
            found.set(part, best.items)
        }
        var merged = TopScores(limit: limit)
        for part in found.all { for item in part { merged.offer(slot: item.slot, score: item.dot) } }
        return merged.items.map { Neighbour(id: ids[$0.slot], score: Double($0.dot) * Double(scale)) }
    }

    /// The integer dot product of two code vectors (for single pairs; scans use `gsim_scan_i8`).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ count: Int) -> Int32 {
        var sum: Int32 = 0
        for index in 0..<count { sum &+= Int32(a[index]) &* Int32(b[index]) }
        return sum
    }

    private mutating func modelNumber(_ model: String) -> UInt16 {
        if let index = models.firstIndex(of: model) { return UInt16(index) }
        models.append(model)
        return UInt16(models.count - 1)
    }
}

/// The `limit` best (slot, score) pairs offered, best first; equal scores keep the earlier slot first.
struct TopScores {
    let limit: Int
    private(set) var items: [(slot: Int, dot: Float)] = []

    init(limit: Int) {
        self.limit = limit
        items.reserveCapacity(limit + 1)
    }

    mutating func offer(slot: Int, score: Float) {
        if items.count == limit, let last = items.last, !(score > last.dot) { return }
        var position = items.count
        while position > 0 && items[position - 1].dot < score { position -= 1 }
        items.insert((slot, score), at: position)
        if items.count > limit { items.removeLast() }
    }
}

/// Each scanning thread's best slots, filled under a mutex.
private final class PartResults: Sendable {
    private let parts: Mutex<[[(slot: Int, dot: Float)]]>

    init(parts count: Int) { parts = Mutex(Array(repeating: [], count: count)) }

    func set(_ part: Int, _ items: [(slot: Int, dot: Float)]) { parts.withLock { $0[part] = items } }

    var all: [[(slot: Int, dot: Float)]] { parts.withLock { $0 } }
}
