/// The best `capacity` (score, slot) pairs offered, by score then slot descending: a min-heap whose
/// root is the worst pair kept, so most offers cost one comparison.
struct SearchTopK {
    private var heap: [(score: Double, slot: Int32)] = []
    private let capacity: Int

    /// An empty selection of at most `capacity` pairs.
    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    private static func isBetter(_ left: (score: Double, slot: Int32), _ right: (score: Double, slot: Int32)) -> Bool {
        left.score > right.score || (left.score == right.score && left.slot > right.slot)
    }

    /// Keeps the pair if it is among the best `capacity` so far.
    @inline(__always)
    mutating func offer(score: Double, slot: Int32) {
        // Most offers lose to the worst pair kept: decide those without a call.
        if heap.count == capacity, capacity > 0, !Self.isBetter((score, slot), heap[0]) { return }
        insert((score: score, slot: slot))
    }

    private mutating func insert(_ pair: (score: Double, slot: Int32)) {
        if heap.count < capacity {
            heap.append(pair)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.isBetter(heap[parent], heap[child]) else { break }
                heap.swapAt(parent, child)
                child = parent
            }
        } else if capacity > 0 {
            heap[0] = pair
            var parent = 0
            while true {
                var worst = parent
                let left = 2 * parent + 1
                if left < heap.count, Self.isBetter(heap[worst], heap[left]) { worst = left }
                if left + 1 < heap.count, Self.isBetter(heap[worst], heap[left + 1]) { worst = left + 1 }
                guard worst != parent else { break }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
    }

    /// The worst score kept once `capacity` pairs are (no pair scoring below it can get in); nil before.
    var worstKept: Double? { heap.count == capacity && capacity > 0 ? heap[0].score : nil }

    /// The pairs kept, best first.
    func sorted() -> [(score: Double, slot: Int32)] { heap.sorted(by: Self.isBetter) }
}
