/// The best path of one search over one utterance.
struct SphinxHypothesis: Sendable, Equatable {
    /// The words, space-separated, fillers left out (empty when the search reached no final state).
    var text: String
    /// Path score in natural-log units (acoustic and grammar weights included), summed over the frames.
    var score: Double
    /// Frames decoded (10 ms each).
    var frames: Int
    /// The best path's segments (words, fillers, phones), in order.
    var segments: [SphinxSegment]
}

/// One word (or filler, or phone word) of a best path.
struct SphinxSegment: Sendable, Equatable {
    /// The word as the dictionary spells it (`<sil>` and `[NOISE]` for fillers).
    var word: String
    /// First and last frame (inclusive).
    var frames: ClosedRange<Int>
    /// Acoustic score of the segment in natural-log units.
    var acousticScore: Double

    /// Whether it is silence or a filler rather than a word.
    var isFiller: Bool { word.hasPrefix("<") || word.hasPrefix("[") }
}
