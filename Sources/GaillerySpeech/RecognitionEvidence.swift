/// The scores a recognizer decision rests on, in natural-log units per 10 ms frame.
///
/// pocketsphinx normalises acoustic scores per frame, so absolute path scores say little; what says
/// whether the audio is a command is how much worse the grammar's best path explains it than a free
/// phone loop does, over the whole utterance (`margin`) and over the grammar's weakest word
/// (`weakestWordMargin`, which catches a command with one word forced onto other speech, "go back home").
package struct RecognitionEvidence: Sendable, Equatable {
    /// Frames decoded.
    package var frames: Int
    /// Grammar path score minus phone-loop path score, per frame.
    package var margin: Double
    /// The lowest acoustic margin of a grammar word against the phone loop over the same frames, per frame.
    package var weakestWordMargin: Double
    /// That word.
    package var weakestWord: String
    /// Frames per phone of the most drawn-out grammar word (a word stretched over other speech).
    package var longestWordStretch: Double = 0

    /// Compares the grammar's and the phone loop's best paths over the same frames.
    init(command: SphinxHypothesis, loop: SphinxHypothesis, phoneCount: (String) -> Int) {
        frames = command.frames
        margin = (command.score - loop.score) / Double(max(command.frames, 1))
        weakestWordMargin = -.infinity
        weakestWord = ""
        var weakest = Double.infinity
        for segment in command.segments where !segment.isFiller {
            let margin =
                (segment.acousticScore - Self.acousticScore(of: loop, over: segment.frames))
                / Double(segment.frames.count)
            if margin < weakest {
                weakest = margin
                weakestWord = segment.word
            }
        }
        if weakest.isFinite { weakestWordMargin = weakest }
        for segment in command.segments where !segment.isFiller {
            let phones = phoneCount(segment.word)
            longestWordStretch = max(longestWordStretch, Double(segment.frames.count) / Double(phones))
        }

    }

    /// The phone loop's acoustic score over `frames`, sharing out each phone's score by frame overlap.
    private static func acousticScore(of loop: SphinxHypothesis, over frames: ClosedRange<Int>) -> Double {
        var total = 0.0
        for segment in loop.segments {
            let low = max(frames.lowerBound, segment.frames.lowerBound)
            let high = min(frames.upperBound, segment.frames.upperBound)
            if high >= low { total += segment.acousticScore * Double(high - low + 1) / Double(segment.frames.count) }
        }
        return total
    }
}
