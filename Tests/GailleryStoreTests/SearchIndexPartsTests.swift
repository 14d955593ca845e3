import Testing
import GailleryTestSupport

@testable import GailleryStore

/// The index's building blocks against the obvious implementations: date keys order like SQLite's
/// byte-wise text comparison (and only texts of their one form get keys), bitsets like `Set<Int>`,
/// the top-k selection like a full sort, a tag's ranked postings like a sort of a dictionary.
@Suite struct SearchIndexPartsTests {
    @Test func dateKeysOrderLikeTheirBytes() {
        var random = SplitMix64(seed: 7)
        let alphabet: [Character] = ["0", "1", "2", "9"]
        func digits(_ count: Int) -> String { String((0..<count).map { _ in alphabet[Int(random.next() % 4)] }) }
        var texts = ["2024-01-01T00:00:00", "2024-01-01T00:00:01", "2023-12-31T23:59:59", "0000-00-00T00:00:00"]
        for _ in 0..<150 {
            texts.append("\(digits(4))-\(digits(2))-\(digits(2))T\(digits(2)):\(digits(2)):\(digits(2))")
        }
        for left in texts {
            for right in texts {
                let (leftKey, rightKey) = (SearchDateKey(left)!, SearchDateKey(right)!)
                #expect((leftKey < rightKey) == left.utf8.lexicographicallyPrecedes(right.utf8), "\(left) < \(right)")
                #expect((leftKey == rightKey) == (left == right), "\(left) == \(right)")
            }
        }
        let unkeyed = [
            "", "2024", "2024-01-01", "2024-01-01T00:00:00Z", "2024-01-01 00:00:00", "2024-01-01T00:00:0x",
            "2024-01-01T00:00:00.000+02:00", "２024-01-01T00:00:00", "2024/01/01T00:00:00",
        ]
        for text in unkeyed { #expect(SearchDateKey(text) == nil, "\(text)") }
    }

    @Test("bitsets behave like sets", arguments: [1, 63, 64, 65, 200])
    func bitsetsBehaveLikeSets(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        func randomSet() -> (SearchBitset, Set<Int>) {
            var bits = SearchBitset(count: 0)
            var set: Set<Int> = []
            for slot in 0..<count {
                let member = random.next() % 3 == 0
                bits.append(member)
                if member { set.insert(slot) }
            }
            return (bits, set)
        }
        func members(_ bits: SearchBitset) -> [Int] {
            var slots: [Int] = []
            bits.forEachDescending {
                slots.append($0); return true
            }
            return slots
        }
        let (a, setA) = randomSet()
        let (b, setB) = randomSet()
        #expect(members(a) == setA.sorted(by: >))
        var union = a
        union.formUnion(b)
        #expect(members(union) == setA.union(setB).sorted(by: >))
        var intersection = a
        intersection.formIntersection(b)
        #expect(members(intersection) == setA.intersection(setB).sorted(by: >))
        var complement = a
        complement.invert()
        #expect(members(complement) == Set(0..<count).subtracting(setA).sorted(by: >))
        #expect(members(SearchBitset(count: count, full: true)) == Array((0..<count).reversed()))
        var firstTwo: [Int] = []
        SearchBitset(count: count, full: true).forEachDescending {
            firstTwo.append($0); return firstTwo.count < 2
        }
        #expect(firstTwo == Array((0..<count).reversed().prefix(2)))
        // Built from ascending postings, keeping some: the same set as inserting the kept ones.
        let postings = setA.union(setB).sorted().map { Int32($0) }
        let kept = postings.indices.filter { _ in random.next() % 4 != 0 }
        let built = postings.withUnsafeBufferPointer { SearchBitset(count: count, ascending: $0) { kept.contains($0) } }
        #expect(members(built) == kept.map { Int(postings[$0]) }.sorted(by: >))
    }

    @Test("top-k keeps the best by score then slot", arguments: [0, 1, 5, 50, 400])
    func topKKeepsTheBest(capacity: Int) {
        var random = SplitMix64(seed: 11)
        let pairs = (0..<300).map { (score: Double(random.next() % 20) / 4, slot: Int32($0)) }
        var top = SearchTopK(capacity: capacity)
        for pair in pairs.shuffled(using: &random) { top.offer(score: pair.score, slot: pair.slot) }
        let expected = pairs.sorted { ($0.score, $0.slot) > ($1.score, $1.slot) }.prefix(capacity)
        #expect(top.sorted().map(\.slot) == expected.map(\.slot))
    }

    @Test("ranked postings stay in hit order through inserts and removals", arguments: [1, 2, 3])
    func rankedPostingsFollowChanges(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var postings = SearchPostings()
        var expected: [Int32: Double] = [:]
        // A loaded start (appends in slot order, then one sort), then random changes.
        for slot in Int32(0)..<40 where random.next() % 2 == 0 {
            let confidence = Double(random.next() % 8) / 8
            postings.append(slot: slot, confidence: confidence)
            expected[slot] = confidence
        }
        postings.sortRanks()
        for _ in 0..<400 {
            let slot = Int32(random.next() % 60)
            if expected[slot] != nil {
                postings.remove(slot: slot)
                expected[slot] = nil
            } else {
                let confidence = Double(random.next() % 8) / 8
                postings.insert(slot: slot, confidence: confidence)
                expected[slot] = confidence
            }
            let ranked = expected.sorted { SearchPostings.ranksBefore(($0.value, $0.key), ($1.value, $1.key)) }
            #expect(postings.rankedSlots == ranked.map(\.key))
            #expect(postings.rankedConfidences == ranked.map(\.value))
            #expect(postings.slots == expected.keys.sorted())
            let threshold = Double(random.next() % 9) / 8
            #expect(postings.rankedCount(atLeast: threshold) == expected.values.filter { $0 >= threshold }.count)
            #expect(
                postings.confidence(of: slot, atLeast: threshold)
                    == expected[slot].flatMap { $0 >= threshold ? $0 : nil })
        }
    }
}
