import Foundation
import GailleryAudio
import GailleryAdaptation
import GaillerySpeech

/// The voice settings of `DaemonConfiguration`: the speech model, the recognizer pool and its queue, the
/// live vocabulary, browsing sessions and the microphone.
package struct VoiceConfiguration: Sendable {
    /// The speech recognizers the daemon can run.
    package enum RecognizerKind: String, Sendable, CaseIterable {
        /// Moonshine base (English) on ONNX Runtime, with grammar-constrained beam search (`MoonshinePool`).
        case moonshine
        /// pocketsphinx with the JSGF command grammar (`RecognizerPool`); the one `voice.enroll` adapts.
        case pocketsphinx
    }

    /// The recognizer to use; Moonshine falls back to pocketsphinx (with a log line saying why) when its
    /// model is not prepared or does not load.
    package var recognizer = RecognizerKind.moonshine
    /// The directory holding Moonshine's converted model (`moonshine-base-en.json` and its files); nil:
    /// the daemon's models directory.
    package var moonshineDirectory: URL?
    /// An explicit libonnxruntime.so for Moonshine (nil: the same search as the classifier's).
    package var ortLibrary: String?
    /// The pocketsphinx model files (default: Debian's pocketsphinx-en-us).
    package var speechModel: SpeechModel = .debianEnUS
    /// Recognizers (pocketsphinx: two decoders each, about 50 MB; Moonshine: about 200 MB each), each with
    /// its own thread.
    package var recognizers = 2
    /// Clips that may wait for a recognizer when all are busy; more are refused with "busy".
    package var queueCapacity = 4
    /// The most vocabulary phrases in the grammar: the core categories, then the index's most used tags.
    /// Kept small because every phrase the grammar allows is one more way to mishear a command: the
    /// recognizer's accuracy and rejection were measured with about 50 phrases (`gaillery-bench speech`).
    package var vocabularyLimit = 120
    /// Quiet time, in seconds, after the index's tags change before the vocabulary is re-read (at most
    /// five times this while changes keep coming), so a burst of classifications rebuilds the grammar once.
    package var vocabularyInterval: Double = 0.5
    /// Named sessions kept; the least recently used is dropped beyond this.
    package var sessionLimit = 256
    /// Where `voice.listen` records when the request names no device.
    package var captureSource: CaptureSource = .defaultDevice
    /// `voice.listen`'s recording limit when the request gives none, in seconds.
    package var defaultListenSeconds = 5.0
    /// Where `voice.enroll` keeps the model adapted to the user's voice (`voice` in the data directory
    /// unless set); nil turns enrollment off.
    package var speakerDirectory: URL?
    /// The SphinxTrain programs `voice.enroll` runs.
    package var adaptationTools: SphinxTrainTools = .debian

    /// The defaults.
    package init() {}

    /// The speech model in a directory laid out like Debian's (`en-us/`, `cmudict-en-us.dict`), e.g.
    /// `/usr/share/pocketsphinx/model/en-us`.
    package static func speechModel(directory: String) -> SpeechModel {
        SpeechModel(acousticModel: directory + "/en-us", dictionary: directory + "/cmudict-en-us.dict")
    }
}

extension VoiceConfiguration {
    /// Records from the ALSA PCM `name` ("default", "plughw:1,0", "pulse") when a request names none.
    package mutating func captureDevice(_ name: String) { captureSource = .device(name) }

    /// Records from the PCM `pcmName` defined in the ALSA configuration file at `path` (alsa.conf syntax,
    /// opened with `snd_pcm_open_lconf`), e.g. a file-backed PCM that replays a recording.
    ///
    /// - Throws: an error naming the file when it cannot be read.
    package mutating func captureConfiguration(path: String, pcmName: String) throws {
        captureSource = .configuration(text: try String(contentsOfFile: path, encoding: .utf8), pcmName: pcmName)
    }

    /// Uses the speech model in `directory` (see `speechModel(directory:)`).
    package mutating func speechModelDirectory(_ directory: String) {
        speechModel = Self.speechModel(directory: directory)
    }
}
