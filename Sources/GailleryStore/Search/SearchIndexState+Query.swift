import GailleryCore

extension SearchIndexState {
    /// One page of `query`'s hits after `cursor`, best first (score descending, then id descending),
    /// at most `limit`; nil when the index can't answer exactly and the caller must run the SQL (a date
    /// filter while some photo's local date is NULL).
    ///
    /// Each query tag becomes a bitset of the photos that have it at `minConfidence` (one pass over its
    /// postings, kept for later queries on this state by `tagCache`); each filter a bitset from one
    /// pass over the slots; AND, OR and NOT are word operations. Then:
    /// - when every match has a positive tag (`dog beach`, `dog | cat -bird`), the best matches come
    ///   from the positive tags' ranked postings, best first, until no photo not yet seen can beat the
    ///   page's worst (Fagin's threshold algorithm; a score is a sum of confidences), unless that
    ///   means reading too far (an OR of several common tags), where scoring every match costs less;
    /// - otherwise every visible match is scored from the postings and goes through a bounded heap, or,
    ///   when the query has no positive tag, matches are taken newest first until the page is full.
    /// A lone tag reads its ranked postings until the page is full.
    func hits(_ query: SearchQuery, minConfidence: Double, after cursor: SearchCursor?, limit: Int) -> [SearchHit]? {
        if !nonTextDates.isEmpty && query.hasDateFilter { return nil }
        let ids = self.ids  // captured alone: a closure that captured `self` would copy the whole state
        let isAfterCursor = { (score: Double, slot: Int) -> Bool in
            guard let cursor else { return true }
            return score < cursor.score || (score == cursor.score && ids[slot] < cursor.id)
        }
        if let tag = query.singleTag, ranksSorted {
            return singleTag(tag, minConfidence: minConfidence, limit: limit, isAfterCursor: isAfterCursor)
        }
        let positive = query.positiveKeys
        var matches = evaluate(query.query, tagSets(query, minConfidence: minConfidence))
        matches.formIntersection(visible)
        if !positive.isEmpty, ranksSorted, query.everyMatchHasPositiveTag,
            let hits = ranked(
                matches, positive, minConfidence: minConfidence, limit: limit, isAfterCursor: isAfterCursor)
        {
            return hits
        }
        var scores: [Double] = positive.isEmpty ? [] : Array(repeating: 0, count: ids.count)
        if !positive.isEmpty {
            scores.withUnsafeMutableBufferPointer { scores in
                for key in positive {
                    guard let tagID = tagIDs[key] else { continue }
                    let list = postings[tagID]
                    list.slots.withUnsafeBufferPointer { slots in
                        list.confidences.withUnsafeBufferPointer { confidences in
                            for index in slots.indices where confidences[index] >= minConfidence {
                                scores[Int(slots[index])] += confidences[index]
                            }
                        }
                    }
                }
            }
        }
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

    /// The best `limit` of the visible `matches`, each of which has one of the `positive` tags: read
    /// from the tags' ranked postings in turn, one rank at a time; each new match is scored (its
    /// confidences, from the tags' dense arrays, summed in `positive` order, as the full scoring sums
    /// them) and offered to a bounded heap. A photo not yet read scores at most the sum of the
    /// confidences at the current rank, so reading stops once the heap is full and its worst score is
    /// above that bound.
    private func ranked(
        _ matches: SearchBitset, _ positive: [SearchTagKey], minConfidence: Double, limit: Int,
        isAfterCursor: (Double, Int) -> Bool
    ) -> [SearchHit]? {
        if matches.words.allSatisfy({ $0 == 0 }) { return [] }
        let tagIDs = positive.compactMap { self.tagIDs[$0] }
        let lists = tagIDs.map { postings[$0] }
        let lengths = lists.map { $0.rankedCount(atLeast: minConfidence) }
        // One tag scores a photo with the confidence read; several need each other's.
        let dense = lists.count > 1 ? tagIDs.map { denseConfidences($0) } : []
        // The reads past which scoring every match would have cost less. A read that finds a new match
        // looks up each tag's confidence (in arrays too large for the cache when the tags are common),
        // so the more tags, the sooner: a third of the postings for one tag, a sixth for two, an
        // eighteenth for four (gaillery-bench probe and search, 10,000 and 100,000 photos).
        let budget = max(lengths.reduce(0, +) / (2 + lists.count * lists.count), 4 * limit * lists.count)
        guard
            let best = Self.threshold(
                lists, lengths: lengths, dense: dense, matches: matches, minConfidence: minConfidence, limit: limit,
                budget: budget, isAfterCursor: isAfterCursor)
        else { return nil }
        return best.sorted().map { SearchHit(id: PhotoID(ids[Int($0.slot)]), score: $0.score) }
    }

    /// `ranked`'s reading loop, apart from the state (whose copies, in closures, would cost more than the
    /// loop): the best `limit` of `matches` from the first `lengths` ranked postings of `lists`; nil when
    /// that takes more than `budget` postings read.
    private static func threshold(
        _ lists: [SearchPostings], lengths: [Int], dense: [[Double]], matches: SearchBitset, minConfidence: Double,
        limit: Int, budget: Int, isAfterCursor: (Double, Int) -> Bool
    ) -> SearchTopK? {
        var best = SearchTopK(capacity: limit)
        let deepest = lengths.max() ?? 0
        let seen = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: matches.words.count)
        seen.initialize(repeating: 0)
        defer { seen.deallocate() }
        // Raw buffers: the loop runs once per posting read, where array copies' retains and bounds checks
        // would cost more than the reads.
        let finished = matches.words.withUnsafeBufferPointer { matches in
            withBuffers(lists.map(\.rankedSlots)) { rankedSlots in
                withBuffers(lists.map(\.rankedConfidences)) { rankedConfidences in
                    withBuffers(dense) { dense in
                        var rank = 0
                        while rank < deepest {
                            if rank * lengths.count > budget { return false }
                            for list in 0..<lengths.count where rank < lengths[list] {
                                let slot = Int(rankedSlots[list][rank])
                                let word = slot &>> 6
                                let bit = UInt64(1) &<< UInt64(slot & 63)
                                guard matches[word] & bit != 0, seen[word] & bit == 0 else { continue }
                                seen[word] |= bit
                                var score = 0.0
                                if dense.isEmpty {
                                    score += rankedConfidences[list][rank]
                                } else {
                                    for other in dense where other[slot] >= minConfidence { score += other[slot] }
                                }
                                if isAfterCursor(score, slot) { best.offer(score: score, slot: Int32(slot)) }
                            }
                            rank += 1
                            if let worst = best.worstKept {
                                var bound = 0.0
                                for list in 0..<lengths.count where rank < lengths[list] {
                                    bound += rankedConfidences[list][rank]
                                }
                                if worst > bound { break }
                            }
                        }
                        return true
                    }
                }
            }
        }
        return finished ? best : nil
    }

    /// Runs `body` with the buffers of all `arrays` at once.
    private static func withBuffers<Element, Result>(
        _ arrays: [[Element]], _ body: ([UnsafeBufferPointer<Element>]) -> Result
    ) -> Result {
        var buffers: [UnsafeBufferPointer<Element>] = []
        buffers.reserveCapacity(arrays.count)
        func open(_ index: Int) -> Result {
            guard index < arrays.count else { return body(buffers) }
            return arrays[index].withUnsafeBufferPointer { buffer in
                buffers.append(buffer)
                return open(index + 1)
            }
        }
        return open(0)
    }

    /// Tag `tagID`'s confidence by slot (0 for photos without it), from `tagCache` or one pass over
    /// its postings.
    private func denseConfidences(_ tagID: Int) -> [Double] {
        tagCache.confidences(tagID: tagID) {
            let list = postings[tagID]
            var dense = [Double](repeating: 0, count: ids.count)
            for index in 0..<list.count { dense[Int(list.slots[index])] = list.confidences[index] }
            return dense
        }
    }

    /// Whether every photo that matches `query` has at least one of its positive tags: a tag does; an
    /// AND when one operand does; an OR when every operand does; NOT and the filters don't.
    static func everyMatchHasPositiveTag(_ query: TagQuery) -> Bool {
        switch query {
        case .tag: true
        case .and(let operands): operands.contains(where: everyMatchHasPositiveTag)
        case .or(let operands): operands.allSatisfy(everyMatchHasPositiveTag)
        case .not, .since, .until, .status: false
        }
    }

    /// About how many elementary steps `hits` takes for `query`: the postings of its tags, plus a pass
    /// over every slot for each other term (filters, bitset words); an estimate, for choosing where to
    /// run a search.
    func cost(of query: SearchQuery) -> Int {
        var postingsCount = 0
        for key in query.allKeys {
            if let tagID = tagIDs[key] { postingsCount += postings[tagID].count }
        }
        if query.singleTag != nil { return postingsCount }
        return postingsCount + query.termCount * ids.count / 8
    }

    /// Tags and filters in `query`, a filter counting 8 (a pass over every slot's value rather than
    /// over one word per 64 slots).
    static func termCount(_ query: TagQuery) -> Int {
        switch query {
        case .tag: 1
        case .since, .until, .status: 8
        case .not(let operand): 1 + termCount(operand)
        case .and(let operands), .or(let operands): operands.reduce(0) { $0 + termCount($1) }
        }
    }

    /// The best `limit` visible photos with `tag` at `minConfidence`, straight from its ranked
    /// postings (a photo's score is its confidence, so rank order is hit order).
    private func singleTag(
        _ tag: TagName, minConfidence: Double, limit: Int, isAfterCursor: (Double, Int) -> Bool
    ) -> [SearchHit] {
        guard let tagID = tagIDs[SearchTagKey(text: tag.rawValue)] else { return [] }
        let list = postings[tagID]
        var hits: [SearchHit] = []
        list.rankedSlots.withUnsafeBufferPointer { slots in
            list.rankedConfidences.withUnsafeBufferPointer { confidences in
                for rank in 0..<list.rankedCount(atLeast: minConfidence) where hits.count < limit {
                    let slot = Int(slots[rank])
                    if visible.contains(slot) && isAfterCursor(confidences[rank], slot) {
                        hits.append(SearchHit(id: PhotoID(ids[slot]), score: confidences[rank]))
                    }
                }
            }
        }
        return hits
    }

    /// The bitsets of the slots that have each of `query`'s tags at `minConfidence`, from `tagCache` or
    /// one pass over each tag's postings.
    private func tagSets(_ query: SearchQuery, minConfidence: Double) -> [TagName: SearchBitset] {
        var sets: [TagName: SearchBitset] = [:]
        for (tag, key) in zip(query.allTags, query.allKeys) {
            guard let tagID = tagIDs[key] else {
                sets[tag] = SearchBitset(count: ids.count)
                continue
            }
            sets[tag] = tagCache.set(tagID: tagID, minConfidence: minConfidence) {
                let list = postings[tagID]
                return list.slots.withUnsafeBufferPointer { slots in
                    list.confidences.withUnsafeBufferPointer { confidences in
                        SearchBitset(count: ids.count, ascending: slots) { confidences[$0] >= minConfidence }
                    }
                }
            }
        }
        return sets
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

    static func hasDateFilter(_ query: TagQuery) -> Bool {
        switch query {
        case .since, .until: true
        case .tag, .status: false
        case .not(let operand): hasDateFilter(operand)
        case .and(let operands), .or(let operands): operands.contains(where: hasDateFilter)
        }
    }
}
