/// Splits the words of a tag slot into tags: at commas always, and at "and" or "or" unless a known phrase
/// spans it ("salt and pepper"); drops leading articles ("the beach"); canonicalises and de-duplicates.
/// "dogs and cats" and "dogs or cats" give the same tags: a command shows the photos of either kind
/// (spoken "and" between kinds means both kinds to most people), those with both first.
struct TagSegmenter {
    /// Known spoken phrases and their tags.
    let phrases: [String: TagName]

    private static let articles: Set<String> = ["a", "an", "the", "my", "our", "some", "all"]
    /// The words that join two tags.
    static let joiners: Set<String> = ["and", "or"]

    /// The tags in `words.words[span]`, or why one of them is not a valid tag.
    func tags(in words: CommandWords, span: Range<Int>) -> Result<[TagName], TagNameError> {
        let segments = bestSegmentation(words, span: span)
        var tags: [TagName] = []
        for segment in segments {
            var text = segment.map { words.words[$0] }
            if let known = phrases[text.joined(separator: " ")] {
                if !tags.contains(known) { tags.append(known) }
                continue
            }
            while text.count > 1, let first = text.first, Self.articles.contains(first) { text.removeFirst() }
            let joined = text.joined(separator: " ")
            let tag: TagName
            if let known = phrases[joined] {
                tag = known
            } else {
                do throws(TagNameError) { tag = try TagName(joined) } catch { return .failure(error) }
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        return .success(tags)
    }

    /// The segmentation with the lowest cost: a known phrase costs 0, any other segment 1, plus 10 for
    /// each "and" or "or" inside an unknown segment (so "dogs and cats" is two tags unless it is a known
    /// phrase).
    private func bestSegmentation(_ words: CommandWords, span: Range<Int>) -> [Range<Int>] {
        // best[i]: cheapest split of span.lowerBound + i ..< upperBound, as (cost, segments).
        let count = span.count
        var best = [(cost: Int, segments: [Range<Int>])?](repeating: nil, count: count + 1)
        best[count] = (0, [])
        for start in stride(from: count - 1, through: 0, by: -1) {
            let first = span.lowerBound + start
            if Self.joiners.contains(words.words[first]) { continue }
            for end in (start + 1)...count {
                let last = span.lowerBound + end
                if Self.joiners.contains(words.words[last - 1]) { continue }
                if end > start + 1, words.commaBefore[first + 1..<last].contains(true) { break }
                // What may follow the segment: the end, a comma, or "and" then the next segment.
                let nextStart: Int
                if end == count || words.commaBefore[last] {
                    nextStart = end
                } else if Self.joiners.contains(words.words[last]) {
                    nextStart = end + 1
                } else {
                    continue
                }
                guard nextStart <= count, let tail = best[nextStart], nextStart < count || end == count else {
                    continue
                }
                let segment = first..<last
                let cost = tail.cost + segmentCost(segment, words)
                if best[start] == nil || cost < best[start]!.cost {
                    best[start] = (cost, [segment] + tail.segments)
                }
            }
        }
        return best[0]?.segments ?? [span]
    }

    private func segmentCost(_ segment: Range<Int>, _ words: CommandWords) -> Int {
        let text = segment.map { words.words[$0] }
        if phrases[text.joined(separator: " ")] != nil { return 0 }
        return 1 + 10 * text.filter { Self.joiners.contains($0) }.count
    }
}
