import GailleryAudio
import GailleryCore

/// Settings of a `Recognizer`: model files, pocketsphinx options, endpointing and the rejection rule.
///
/// The rejection rule was fitted on espeak-ng speech and measured on a held-out set of other voices,
/// sentences and noise; the figures are in Benchmarks/README.md (Speech).
package struct RecognizerConfiguration: Sendable, Equatable {
    /// The model files.
    package var model: SpeechModel = .debianEnUS
    /// The rejection rule: a clip is acted on only if `rejection.score(evidence)` reaches the minimum
    /// score of the intent it decoded to (`minimumScores`, else `minimumScore`).
    package var rejection: RejectionModel = .fitted
    /// The score a command needs: the training set's highest out-of-grammar score (0.53, "close the
    /// door" heard as "close the gallery") plus about 0.2.
    package var minimumScore: Double = 0.7
    /// Intents whose minimum score differs from `minimumScore`.
    ///
    /// - delete needs more: the training set's highest out-of-grammar score plus about 0.5. Delete moves
    ///   a photo to the trash: a misheard "delete" is the worst mistake the assistant can make. (Its
    ///   own data would allow less, −0.9, but then the test sentence "tell me a joke" deletes a photo.)
    /// - all, latest and next need less: out-of-grammar speech and misheard commands seldom decode to
    ///   them with any confidence. Each is the training set's highest score among such clips decoded to
    ///   that intent plus 1.0 (all −2.63, latest −1.23, next −1.44); for every other intent that sum is
    ///   above 0.7, so they keep `minimumScore`. By the score alone, on the held-out set (600 commands,
    ///   122 out-of-grammar sentences, 40 noise and silence clips) this acts rightly on 287 commands
    ///   instead of 250, with the same 13 wrong and the same 1 out-of-grammar action.
    package var minimumScores: [Intent: Double] = [.delete: 1.0, .all: -1.6, .latest: -0.2, .next: -0.4]
    /// A hard floor under the score: the grammar's path may be at most this much worse than the phone
    /// loop's, in natural log per frame (`RecognitionEvidence.margin`).
    package var minimumMargin: Double = -4
    /// A hard floor: no grammar word may be worse than the loop over its own frames by more than this
    /// (`RecognitionEvidence.weakestWordMargin`).
    package var minimumWordMargin: Double = -20
    /// A hard ceiling: no grammar word may be drawn out over more than this many frames (10 ms) per
    /// phone of its pronunciation (`RecognitionEvidence.longestWordStretch`).
    package var maximumWordStretch: Double = 40
    /// Width (score units) of the logistic curve mapping the score to a 0...1 confidence.
    package var confidenceScale: Double = 1
    /// Language weight of the phone loop: small, so that changing phone is cheap and the loop follows
    /// the audio closely (the yardstick must fit any speech well).
    package var phoneLoopWeight: Double = 0.1
    /// Whether the phone loop searches the senone scores on a thread of its own while the grammar search
    /// produces them (through a pipe), rather than after it (through a file). The same scores, so the
    /// same results; concurrently an utterance takes about as long as the grammar search alone (about
    /// 60 % of both) when a second core is free, for about 3 % more CPU time.
    package var concurrentPhoneLoop = true
    /// Whether the senone scores both searches read are computed by `SenoneScorer` (the same integers
    /// as pocketsphinx's, for about a quarter of the CPU) rather than by pocketsphinx inside the grammar
    /// search. Models the scorer does not reproduce fall back to pocketsphinx either way
    /// (`Recognizer.scoringFallback` says why).
    package var ownAcousticScoring = true
    /// Beam of the phone loop search (pocketsphinx's `-beam`, `-pbeam` and `-wbeam` for that search).
    /// 1e-20 gives the same phone-loop path as the former 1e-48 on all 1010 clips of the benchmark and
    /// held-out sets (same margins, same decisions) for about 16 % less CPU; 1e-16 and 1e-12 start to
    /// change margins (9 and 71 of 762 held-out clips, no decision yet), narrower beams change decisions.
    package var phoneLoopBeam: Double = 1e-20
    /// Further pocketsphinx options of the phone loop search, applied last (e.g. `-maxhmmpf`).
    package var phoneLoopOptions: [String: String] = [:]
    /// pocketsphinx options of the grammar search: wide beams (the default 1e-48 prunes the right
    /// command in one clip in twenty), a word insertion penalty against inventing a second tag, no
    /// filler words inside the grammar (a filler could swallow extra speech: "go back home"), no lattice.
    /// The recognizer adds `-compallsen yes` and `-senlogdir` (see `CommandDecoder`).
    package var decoderOptions: [String: String] = [
        "-fsgusefiller": "no", "-bestpath": "no", "-beam": "1e-80", "-pbeam": "1e-80", "-wbeam": "1e-60",
        "-wip": "0.1",
    ]
    /// Peak amplitude of the dither added before the front end, in 16-bit steps: digital silence (exact
    /// zeros from synthesisers or gated microphones) otherwise floors the log filter energies and skews
    /// the decoder's cepstral mean. Deterministic (a fixed-seed generator), so results are repeatable.
    package var ditherAmplitude: Float = 4
    /// Endpointer tuning; the speech margin is lower than the endpointer's default (8 dB) so that
    /// commands at 10 dB SNR are still found: a false start only costs a decode, rejection does the rest.
    package var endpointer: EndpointerConfiguration = {
        var configuration = EndpointerConfiguration()
        configuration.marginDB = 4
        return configuration
    }()

    /// The defaults: Debian's en-us model and the tuned rejection rule.
    package init() {}

    /// The rejection score a transcript that parses to `intent` needs to be acted on.
    package func minimumScore(for intent: Intent) -> Double { minimumScores[intent] ?? minimumScore }

    /// The defaults for `model` adapted to one speaker (`voice.enroll`), with minimum scores refitted
    /// for adapted models.
    ///
    /// An adapted model explains everything its speaker says better, out-of-grammar speech included, so
    /// the same rejection score runs higher: with the default minimums, enrolled voices acted on 2 of
    /// the training set's 122 out-of-grammar sentences ("show me pictures" as "show me pictures of toy"
    /// at 0.73, "yes" as "next" at −0.20). These minimums come from the rule above, applied to that
    /// training set with each of its 8 voices enrolled (30 prompts): the highest out-of-grammar score
    /// plus 0.2 (delete: plus 0.5); next the highest score of a clip wrongly decoded to it plus 1.0; all
    /// has no such clip and keeps the general minimum. No minimum is lower than without enrollment:
    /// latest keeps its −0.2 (the rule would give −1.12 from a single clip; the same decisions on every
    /// set below). Measured on clips they were not fitted on (US voices, clean to 20 dB;
    /// Benchmarks/README.md, Speech): the held-out set 151 of 159 right with no wrong action (default
    /// minimums: 152, 1 wrong); `gaillery-bench speech --enroll` over six seeds 848 of 900 with 12
    /// wrong actions (865, 14); no out-of-grammar or noise clip acted on in any of them.
    package static func enrolled(_ model: SpeechModel) -> RecognizerConfiguration {
        var configuration = RecognizerConfiguration()
        configuration.model = model
        configuration.minimumScore = 0.93
        configuration.minimumScores = [.delete: 1.23, .latest: -0.2, .next: 0.8]
        return configuration
    }
}
