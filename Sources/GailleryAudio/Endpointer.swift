/// Where speech is in a clip: a frame range of the front end's output and the same span in milliseconds.
package struct SpeechRange: Sendable, Equatable {
    /// Frames (100 per second) from the first to one past the last speech frame, padding included.
    package var frames: Range<Int>
    /// Start of speech in milliseconds from the start of the clip.
    package var startMs: Int { frames.lowerBound * 10 }
    /// End of speech in milliseconds from the start of the clip.
    package var endMs: Int { frames.upperBound * 10 }

    /// Wraps a frame range (10 ms per frame).
    package init(frames: Range<Int>) { self.frames = frames }
}

/// Tuning of the `Endpointer`. Frame counts are 10 ms frames.
package struct EndpointerConfiguration: Sendable, Equatable {
    /// A frame is speech when its energy exceeds the noise floor by this many dB.
    package var marginDB: Float = 8
    /// ...and is above this absolute level (dB re full scale), so near-silence never counts as speech.
    package var minimumSpeechDB: Float = -60
    /// Speech starts when `startFrames` of the last `startWindow` frames are speech.
    package var startFrames = 10
    /// Window for the start decision (frames).
    package var startWindow = 15
    /// Speech ends after this many consecutive non-speech frames (the hangover).
    package var endFrames = 40
    /// Frames of context kept before the start and after the end of speech.
    package var paddingFrames = 5
    /// How fast the noise floor may rise on non-speech frames (dB per frame); it falls instantly.
    package var floorRiseDB: Float = 0.05
    /// How fast it may rise during speech (dB per frame), so a sudden lasting noise is absorbed.
    package var floorRiseInSpeechDB: Float = 0.01

    /// The defaults above.
    package init() {}
}

/// Energy-based endpointer over front-end frames: an adaptive noise floor (instant fall, slow rise),
/// a start rule (most of a short window above the floor) and an end rule with hangover.
///
/// Feed frames one at a time with `push(_:)` for live capture (stop at `.ended`), or use
/// `speechRange(in:)` for a whole clip.
package struct Endpointer: Sendable {
    /// What a pushed frame changed.
    package enum Event: Sendable, Equatable {
        /// Speech began; the range starts at `frame` (padding included).
        case started(frame: Int)
        /// Speech ended; `range` is the segment, padding included.
        case ended(SpeechRange)
    }

    /// The tuning in use.
    package let configuration: EndpointerConfiguration
    private var floor: Float?
    private var frame = 0
    private var recent: [Bool] = []
    private var start: Int?
    private var lastSpeech = 0
    private var silentRun = 0

    /// A fresh endpointer; `initialFloor` (dB) seeds the noise floor, otherwise the first frame does.
    package init(configuration: EndpointerConfiguration = EndpointerConfiguration(), initialFloor: Float? = nil) {
        self.configuration = configuration
        self.floor = initialFloor
    }

    /// Whether speech has started and not yet ended.
    package var inSpeech: Bool { start != nil }

    /// The current noise floor estimate in dB (nil before the first frame).
    package var noiseFloor: Float? { floor }

    /// Consumes the energy (dB, from `FrontEndOutput.energies`) of the next frame.
    package mutating func push(_ energy: Float) -> Event? {
        defer { frame += 1 }
        let config = configuration
        let floorNow = floor ?? energy
        let isSpeech = energy > floorNow + config.marginDB && energy > config.minimumSpeechDB
        let rise = isSpeech ? config.floorRiseInSpeechDB : config.floorRiseDB
        floor = energy < floorNow ? energy : floorNow + min(rise, energy - floorNow)
        recent.append(isSpeech)
        if recent.count > config.startWindow { recent.removeFirst() }
        guard let begun = start else {
            guard recent.filter({ $0 }).count >= max(1, config.startFrames),
                let firstInWindow = recent.firstIndex(of: true)
            else { return nil }
            let begin = max(0, frame - recent.count + 1 + firstInWindow - config.paddingFrames)
            start = begin
            lastSpeech = frame
            silentRun = 0
            return .started(frame: begin)
        }
        if isSpeech {
            lastSpeech = frame
            silentRun = 0
            return nil
        }
        silentRun += 1
        guard silentRun >= config.endFrames else { return nil }
        start = nil
        recent.removeAll()
        return .ended(SpeechRange(frames: begun..<(lastSpeech + 1 + config.paddingFrames)))
    }

    /// The span from the start of the first to the end of the last speech segment in a whole clip, or nil
    /// when the clip holds no speech. The noise floor is seeded with the clip's 10th-percentile energy.
    package static func speechRange(
        in energies: [Float],
        configuration: EndpointerConfiguration = EndpointerConfiguration()
    ) -> SpeechRange? {
        guard !energies.isEmpty else { return nil }
        let seed = energies.sorted()[energies.count / 10]
        var endpointer = Endpointer(configuration: configuration, initialFloor: seed)
        var first: Int?
        var last: Int?
        for energy in energies {
            switch endpointer.push(energy) {
            case .started(let frame): first = first ?? frame
            case .ended(let range): last = range.frames.upperBound
            case nil: break
            }
        }
        if endpointer.inSpeech { last = min(endpointer.lastSpeech + 1 + configuration.paddingFrames, energies.count) }
        guard let first, let last else { return nil }
        return SpeechRange(frames: first..<min(last, energies.count))
    }
}
