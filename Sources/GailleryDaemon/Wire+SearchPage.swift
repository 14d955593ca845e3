import GailleryCore
import GailleryProtocol
import GailleryStore

extension Wire {
    /// The JSON of a photo's list form (`Wire.info`) without its closing brace: the cached piece of a
    /// `photos.search` result, which appends the score and the brace.
    static func openSummary(_ record: PhotoRecord) throws -> [UInt8] {
        var bytes = try WireEncoder().encode(info(record))
        bytes.removeLast()
        return bytes
    }

    /// The JSON of a `PhotoPage` of search hits, assembled from their cached summaries (`openSummary`):
    /// the same text `WireEncoder` writes for the page with each photo's `score` set.
    ///
    /// - Throws: `EncodingError` for a non-finite score.
    static func searchPage(
        _ summaries: [(id: PhotoID, rendered: [UInt8])], scores: [PhotoID: Double], nextCursor: String?
    ) throws -> EncodedJSON {
        // One encoder run for every score (`[0.5,1.2,…]`; a number's text has no comma), not one each.
        let numbers = try WireEncoder().encode(summaries.map { scores[$0.id] ?? 0 })
        var scoreTexts = numbers.dropFirst().dropLast().split(separator: UInt8(ascii: ","))[...]
        var out: [UInt8] = []
        out.reserveCapacity(summaries.reduce(64) { $0 + $1.rendered.count + 32 })
        out += #"{"photos":["#.utf8
        for (index, summary) in summaries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += summary.rendered
            let text = scoreTexts.popFirst() ?? []
            if scores[summary.id] != nil {
                out += #","score":"#.utf8
                out += text
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let nextCursor {
            out += #","next_cursor":"#.utf8
            try WireEncoder().encode(nextCursor, appendingTo: &out)
        }
        out.append(UInt8(ascii: "}"))
        return EncodedJSON(bytes: out)
    }
}
