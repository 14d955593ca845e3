import GailleryCore

/// What the Moonshine recognizer made of one clip.
package struct MoonshineRecognition: Sendable, Equatable {
    /// Scores behind the decision, in natural-log probability (sums over the tokens, end of transcript
    /// included).
    package struct Evidence: Sendable, Equatable {
        /// The unconstrained (free) decode's best score.
        package var freeScore: Double
        /// The best allowed sentence's score; nil when no allowed sentence was completed.
        package var grammarScore: Double?
        /// Words in `heard` (punctuation dropped).
        package var heardWords: Int
        /// Words in `transcript`.
        package var transcriptWords: Int
        /// Decoder steps run.
        package var steps: Int

        /// How much better the free decode scored than the best allowed sentence (≥ 0 unless the beam
        /// missed the free decode's best); infinity when there was no allowed sentence.
        package var margin: Double { grammarScore.map { freeScore - $0 } ?? .infinity }
    }

    /// Wall-clock times in milliseconds.
    package struct Timings: Sendable, Equatable {
        /// The encoder, once per clip.
        package var encoder: Double
        /// Both beam searches (one batched decoder run per step).
        package var decoder: Double
    }

    /// The best allowed sentence, lowercase words without punctuation ("show me photos of dogs"); empty when
    /// none was completed. Kept even when the clip was rejected, for the log.
    package var transcript: String
    /// What the model heard without the grammar, as it wrote it ("Show me photos of dogs.").
    package var heard: String
    /// The intent of `transcript` when accepted; `none` with the reason otherwise.
    package var intent: ParsedIntent
    /// The scores the decision was made on.
    package var evidence: Evidence
    /// Time spent.
    package var timings: Timings
}

/// When a clip's best allowed sentence is acted on: the free decode may beat it by at most `maxMargin`
/// (log probability), and may be at most `extraWords` words longer than it (the length guard that stops
/// "next Tuesday works" from acting as "next").
package struct MoonshineRejection: Sendable, Equatable {
    /// The largest free-minus-grammar score accepted.
    package var maxMargin: Double
    /// How many more words the free transcript may have than the command.
    package var extraWords: Int

    /// Fitted on the generated set of espeak-ng, flite and festival voices (Benchmarks/moonshine/fit.py, all
    /// synthesizers; each held out in turn chose 8.0-11.25): the figures are in Benchmarks/README.md.
    package static let `default` = MoonshineRejection(maxMargin: 8.75, extraWords: 1)

    /// Nil when `evidence` is acceptable, otherwise why not (for `ParsedIntent.none`).
    package func reason(_ evidence: MoonshineRecognition.Evidence, heard: String) -> String? {
        guard let grammarScore = evidence.grammarScore else {
            return "not a command: heard \"\(heard)\", which no command starts like"
        }
        if evidence.heardWords == 0 { return "no speech: nothing was heard" }
        if evidence.heardWords > evidence.transcriptWords + extraWords {
            return "not a command: heard \"\(heard)\", longer than any command it resembles"
        }
        let margin = evidence.freeScore - grammarScore
        if margin > maxMargin {
            return "not sure what was said: heard \"\(heard)\"; the closest command is \(Int(margin.rounded())) "
                + "log-units less likely; try again closer to the microphone"
        }
        return nil
    }
}
