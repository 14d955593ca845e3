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
    /// - Parameter summaries: each hit with its summary, in page order.
    /// - Throws: `EncodingError` for a non-finite score.
    static func searchPage(_ summaries: [(hit: SearchHit, rendered: [UInt8])], nextCursor: String?) throws -> EncodedJSON {
        let encoder = WireEncoder()
        var out: [UInt8] = []
        out.reserveCapacity(summaries.reduce(64) { $0 + $1.rendered.count + 32 })
        out += #"{"photos":["#.utf8
        for (index, summary) in summaries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += summary.rendered
            out += #","score":"#.utf8
            try encoder.encode(number: summary.hit.score, appendingTo: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let nextCursor {
            out += #","next_cursor":"#.utf8
            try encoder.encode(nextCursor, appendingTo: &out)
        }
        out.append(UInt8(ascii: "}"))
        return EncodedJSON(bytes: out)
    }
}
