import Foundation

/// The measurements a recognizer decision rests on, in natural-log units per 10 ms frame unless noted.
///
/// Both searches score the same senone scores, normalised in each frame against the best of all
/// senones, so their path scores compare directly. What says whether the audio is a command is how
/// much worse the grammar's best path explains it than a free phone loop does: over the whole utterance
/// (`margin`), over its weakest word (`weakestWordMargin`) and over its weakest stretch of at least
/// 0.25 s (`weakestWindowMargin`); and whether the grammar's words fit the phones the loop heard
/// (`phoneCountMismatch`) at a consistent speaking rate (`rateSpread`). `RejectionModel` weighs them.
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
    /// The lowest margin, per frame, over runs of consecutive grammar words at least 25 frames long.
    package var weakestWindowMargin: Double = 0
    /// The largest |ln((loop phones + ½) / (dictionary phones + ½))| over the grammar's words: a word
    /// spread over more (or fewer) sounds than it has.
    package var phoneCountMismatch: Double = 0
    /// The most drawn-out word's frames per phone over the median word's (1 = even speaking rate).
    package var rateSpread: Double = 1
    /// The grammar path's acoustic and grammar score per frame.
    package var pathScore: Double = 0
    /// The phone loop's path score per frame.
    package var loopScore: Double = 0

    /// Frames a window of words must span for `weakestWindowMargin`.
    static let windowFrames = 25

    /// Compares the grammar's and the phone loop's best paths over the same frames; `phoneCount` gives
    /// the dictionary pronunciation length of a word.
    init(command: SphinxHypothesis, loop: SphinxHypothesis, phoneCount: (String) -> Int) {
        frames = command.frames
        let perFrame = 1 / Double(max(command.frames, 1))
        margin = (command.score - loop.score) * perFrame
        pathScore = command.score * perFrame
        loopScore = loop.score * perFrame
        let words = command.segments.filter { !$0.isFiller }
        let phones = loop.segments.filter { !$0.isFiller }
        weakestWordMargin = -.infinity
        weakestWord = ""
        var weakest = Double.infinity
        var rates: [Double] = []
        for word in words {
            let margin = (word.acousticScore - Self.score(of: phones, over: word.frames)) / Double(word.frames.count)
            if margin < weakest {
                weakest = margin
                weakestWord = word.word
            }
            let pronounced = Double(phoneCount(word.word))
            let heard = Double(
                phones.filter { word.frames.contains(($0.frames.lowerBound + $0.frames.upperBound) / 2) }.count)
            phoneCountMismatch = max(phoneCountMismatch, abs(log((heard + 0.5) / (pronounced + 0.5))))
            rates.append(Double(word.frames.count) / pronounced)
        }
        if weakest.isFinite { weakestWordMargin = weakest }
        longestWordStretch = rates.max() ?? 0
        if let longest = rates.max() { rateSpread = longest / rates.sorted()[rates.count / 2] }
        weakestWindowMargin =
            Self.windows(of: words).map { window in
                (window.score - Self.score(of: phones, over: window.frames)) / Double(window.frames.count)
            }.min() ?? weakestWordMargin
    }

    /// Runs of consecutive words at least `windowFrames` long (a short remainder joins the last run).
    private static func windows(of words: [SphinxSegment]) -> [(frames: ClosedRange<Int>, score: Double)] {
        var windows: [(frames: ClosedRange<Int>, score: Double)] = []
        var current: (frames: ClosedRange<Int>, score: Double)?
        for word in words {
            if let open = current {
                current = (open.frames.lowerBound...word.frames.upperBound, open.score + word.acousticScore)
            } else {
                current = (word.frames, word.acousticScore)
            }
            if let full = current, full.frames.count >= windowFrames {
                windows.append(full)
                current = nil
            }
        }
        if let rest = current {
            if let last = windows.popLast() {
                windows.append((last.frames.lowerBound...rest.frames.upperBound, last.score + rest.score))
            } else {
                windows.append(rest)
            }
        }
        return windows
    }

    /// The loop's acoustic score over `frames`, sharing out each phone's score by frame overlap.
    private static func score(of phones: [SphinxSegment], over frames: ClosedRange<Int>) -> Double {
        var total = 0.0
        for phone in phones {
            let low = max(frames.lowerBound, phone.frames.lowerBound)
            let high = min(frames.upperBound, phone.frames.upperBound)
            if high >= low { total += phone.acousticScore * Double(high - low + 1) / Double(phone.frames.count) }
        }
        return total
    }
}
