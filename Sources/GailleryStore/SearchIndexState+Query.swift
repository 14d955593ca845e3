import GailleryCore

extension SearchIndexState {
    /// One page of `query`'s hits after `cursor`, best first (score descending, then id descending),
    /// at most `limit`; nil when the index can't answer exactly and the caller must run the SQL (a date
    /// filter while some photo's local date is NULL).
    ///
    /// Each query tag becomes a bitset of the photos that have it at `minConfidence` (one pass over its
    /// postings, which also adds a positive tag's confidences to the photos' scores, in
    /// `positiveTags` order); each filter a bitset from one pass over the slots; AND, OR and NOT are
    /// word operations; the visible photos among the matches then go through a bounded heap, or, when
    /// every score is 0, are taken newest first until the page is full. A lone tag goes from its
    /// postings straight to the heap.
    func hits(_ query: TagQuery, minConfidence: Double, after cursor: SearchCursor?, limit: Int) -> [SearchHit]? {
        if !nonTextDates.isEmpty && Self.hasDateFilter(query) { return nil }
        let isAfterCursor = { (score: Double, slot: Int) -> Bool in
            guard let cursor else { return true }
            return score < cursor.score || (score == cursor.score && ids[slot] < cursor.id)
        }
        if case .tag(let tag) = query {
            return singleTag(tag, minConfidence: minConfidence, limit: limit, isAfterCursor: isAfterCursor)
        }
        let positive = query.positiveTags
        var scores: [Double] = positive.isEmpty ? [] : Array(repeating: 0, count: ids.count)
        var tagSets: [TagName: SearchBitset] = [:]
        let scored = Set(positive)
        for tag in positive + query.allTags.filter({ !scored.contains($0) }) {
            tagSets[tag] = tagSet(tag, minConfidence: minConfidence, scoring: scored.contains(tag), into: &scores)
        }
        var matches = evaluate(query, tagSets)
        matches.formIntersection(visible)
        if positive.isEmpty {
            var hits: [SearchHit] = []
            matches.forEachDescending { slot in
                if isAfterCursor(0, slot) { hits.append(SearchHit(id: PhotoID(ids[slot]), score: 0)) }
                return hits.count < limit
            }
            return hits
        }
        var best = SearchTopK(capacity: limit)
        scores.withUnsafeBufferPointer { scores in
            matches.forEachDescending { slot in
                if isAfterCursor(scores[slot], slot) { best.offer(score: scores[slot], slot: Int32(slot)) }
                return true
            }
        }
        return best.sorted().map { SearchHit(id: PhotoID(ids[Int($0.slot)]), score: $0.score) }
    }

    /// About how many elementary steps `hits` takes for `query`: the postings of its tags, plus a pass
    /// over every slot for each other term (filters, bitset words); an estimate, for choosing where to
    /// run a search.
    func cost(of query: TagQuery) -> Int {
        var postingsCount = 0
        for tag in query.allTags {
            if let tagID = tagIDs[SearchTagKey(text: tag.rawValue)] { postingsCount += postings[tagID].slots.count }
        }
        if case .tag = query { return postingsCount }
        return postingsCount + Self.termCount(query) * ids.count / 8
    }

    private static func termCount(_ query: TagQuery) -> Int {
        switch query {
        case .tag: 1
        case .since, .until, .status: 8
        case .not(let operand): 1 + termCount(operand)
        case .and(let operands), .or(let operands): operands.reduce(0) { $0 + termCount($1) }
        }
    }

    /// The best `limit` visible photos with `tag` at `minConfidence`, straight from its postings: a
    /// photo's score is its confidence.
    private func singleTag(
        _ tag: TagName, minConfidence: Double, limit: Int, isAfterCursor: (Double, Int) -> Bool
    ) -> [SearchHit] {
        guard let tagID = tagIDs[SearchTagKey(text: tag.rawValue)] else { return [] }
        let list = postings[tagID]
        var best = SearchTopK(capacity: limit)
        list.slots.withUnsafeBufferPointer { slots in
            list.confidences.withUnsafeBufferPointer { confidences in
                for index in slots.indices where confidences[index] >= minConfidence {
                    let slot = Int(slots[index])
                    if visible.contains(slot) && isAfterCursor(confidences[index], slot) {
                        best.offer(score: confidences[index], slot: Int32(slot))
                    }
                }
            }
        }
        return best.sorted().map { SearchHit(id: PhotoID(ids[Int($0.slot)]), score: $0.score) }
    }

    /// The slots that have `tag` at `minConfidence`; adds each one's confidence to `scores` when `scoring`.
    private func tagSet(_ tag: TagName, minConfidence: Double, scoring: Bool, into scores: inout [Double])
        -> SearchBitset
    {
        guard let tagID = tagIDs[SearchTagKey(text: tag.rawValue)] else { return SearchBitset(count: ids.count) }
        let list = postings[tagID]
        return list.slots.withUnsafeBufferPointer { slots in
            list.confidences.withUnsafeBufferPointer { confidences in
                if scoring {
                    scores.withUnsafeMutableBufferPointer { scores in
                        for index in slots.indices where confidences[index] >= minConfidence {
                            scores[Int(slots[index])] += confidences[index]
                        }
                    }
                }
                return SearchBitset(count: ids.count, ascending: slots) { confidences[$0] >= minConfidence }
            }
        }
    }

    /// The slots (live or not) that satisfy `query`, with tags looked up in `tagSets`.
    private func evaluate(_ query: TagQuery, _ tagSets: [TagName: SearchBitset]) -> SearchBitset {
        switch query {
        case .tag(let tag): return tagSets[tag]!
        case .since(let date): return dateSet(date.firstMoment, atOrAfter: true)
        case .until(let date): return dateSet(date.lastMoment, atOrAfter: false)
        case .status(let status):
            let code = Self.statusCodes[status.rawValue]
            return statuses.withUnsafeBufferPointer { statuses in
                SearchBitset(count: statuses.count) { statuses[$0] == code }
            }
        case .not(let operand):
            var set = evaluate(operand, tagSets)
            set.invert()
            return set
        case .and(let operands):
            return operands.dropFirst().reduce(into: evaluate(operands[0], tagSets)) {
                $0.formIntersection(evaluate($1, tagSets))
            }
        case .or(let operands):
            return operands.dropFirst().reduce(into: evaluate(operands[0], tagSets)) {
                $0.formUnion(evaluate($1, tagSets))
            }
        }
    }

    /// The slots whose local date is at or after (`atOrAfter`) or at or before `bound`, compared byte by
    /// byte as SQLite compares text.
    private func dateSet(_ bound: String, atOrAfter: Bool) -> SearchBitset {
        guard let key = SearchDateKey(bound) else { preconditionFailure("a query date is 19 ASCII bytes: \(bound)") }
        var set = dates.withUnsafeBufferPointer { dates in
            atOrAfter
                ? SearchBitset(count: dates.count) { !(dates[$0] < key) }
                : SearchBitset(count: dates.count) { !(key < dates[$0]) }
        }
        for (slot, text) in longDates {
            let member =
                atOrAfter
                ? !text.utf8.lexicographicallyPrecedes(bound.utf8) : !bound.utf8.lexicographicallyPrecedes(text.utf8)
            set.update(Int(slot), member: member)
        }
        return set
    }

    private static func hasDateFilter(_ query: TagQuery) -> Bool {
        switch query {
        case .since, .until: true
        case .tag, .status: false
        case .not(let operand): hasDateFilter(operand)
        case .and(let operands), .or(let operands): operands.contains(where: hasDateFilter)
        }
    }
}
