import GailleryCore
import GailleryProtocol
import GailleryStore

extension Wire {
    /// The JSON of a photo's list form (`Wire.info`) without its closing brace: the cached piece of
    /// `photos.search` and `photos.list` results (`RenderedPhotoCache`); a page closes it, after a
    /// search's `score`.
    static func openSummary(_ record: PhotoRecord) throws -> [UInt8] {
        var bytes = try WireEncoder().encode(info(record))
        bytes.removeLast()
        return bytes
    }

    /// The JSON of a `PhotoPage` assembled from cached summaries (`openSummary`): the same text
    /// `WireEncoder` writes for the page, with each photo's `score` set where one is given.
    ///
    /// - Parameter items: each photo's summary and score (nil for `photos.list`), in page order.
    /// - Throws: `EncodingError` for a non-finite score.
    static func photoPage(_ items: [(rendered: [UInt8], score: Double?)], nextCursor: String?) throws -> EncodedJSON {
        let encoder = WireEncoder()
        var out: [UInt8] = []
        out.reserveCapacity(items.reduce(64) { $0 + $1.rendered.count + 32 })
        out += #"{"photos":["#.utf8
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += item.rendered
            if let score = item.score {
                out += #","score":"#.utf8
                try encoder.encode(number: score, appendingTo: &out)
            }
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

    /// `photoPage` of search hits.
    static func searchPage(_ summaries: [(hit: SearchHit, rendered: [UInt8])], nextCursor: String?) throws
        -> EncodedJSON
    {
        try photoPage(summaries.map { (rendered: $0.rendered, score: $0.hit.score) }, nextCursor: nextCursor)
    }
}
