import GailleryAudio
import GailleryCore

/// Settings of a `Recognizer`: model files, pocketsphinx options, endpointing and the rejection rule.
///
/// The thresholds were tuned on speech generated with espeak-ng (8 voices, 140–190 words/min, clean and
/// with white/pink noise at 20 and 10 dB SNR) against out-of-grammar sentences, noise and silence, for
/// as few actions on out-of-grammar clips as possible. On a held-out generated set: 54 % of commands
/// understood (68 % of clean ones), 8 of 300 commands mistaken, 2 of 122 out-of-grammar sentences acted
/// on (near misses: "close the door", "previously on the show"), no noise or silence acted on.
package struct RecognizerConfiguration: Sendable, Equatable {
    /// The model files.
    package var model: SpeechModel = .debianEnUS
    /// A clip is accepted only if the grammar's best path is at most this much worse than the phone
    /// loop's, in natural log per frame (`RecognitionEvidence.margin`).
    package var minimumMargin: Double = -0.5
    /// ...and no grammar word is worse than the loop over its own frames by more than this
    /// (`RecognitionEvidence.weakestWordMargin`).
    package var minimumWordMargin: Double = -5
    /// ...and no grammar word is drawn out over more than this many frames (10 ms) per phone of its
    /// pronunciation, which happens when a short command absorbs longer speech ("cancel that" → "undo").
    package var maximumWordStretch: Double = 18
    /// Intents that change the store irreversibly enough to need stronger evidence (delete moves a photo
    /// to the trash: a misheard "delete" is the worst mistake the assistant can make).
    package var strictIntents: Set<Intent> = [.delete]
    /// `minimumMargin` for `strictIntents`.
    package var strictMinimumMargin: Double = 0.2
    /// `minimumWordMargin` for `strictIntents`.
    package var strictMinimumWordMargin: Double = -2.5
    /// Width (natural log per frame) of the logistic curve mapping the margin to a 0...1 confidence.
    package var confidenceScale: Double = 0.25
    /// Language weight of the phone loop: small, so that changing phone is cheap and the loop follows
    /// the audio closely (the yardstick must fit any speech well).
    package var phoneLoopWeight: Double = 0.1
    /// Beam of the phone loop search (pocketsphinx's `-beam`, `-pbeam` and `-wbeam` for that search).
    package var phoneLoopBeam: Double = 1e-48
    /// pocketsphinx options. No filler words inside the grammar (a filler could swallow extra speech:
    /// "go back home"), no lattice pass (not used).
    package var decoderOptions: [String: String] = ["-fsgusefiller": "no", "-bestpath": "no"]
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

    /// The defaults: Debian's en-us model and the tuned thresholds.
    package init() {}
}
