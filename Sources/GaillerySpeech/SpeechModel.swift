import Foundation

/// Where the recognizer's model files are: the acoustic model directory and the pronunciation
/// dictionary. (The phone loop is a grammar of single-phone words, so no phonetic language model is
/// needed.)
package struct SpeechModel: Sendable, Equatable {
    /// Acoustic model directory (`-hmm`): mdef, means, variances, feat.params, ...
    package var acousticModel: String
    /// Pronunciation dictionary in cmudict format (`-dict`).
    package var dictionary: String

    /// Model files at explicit paths.
    package init(acousticModel: String, dictionary: String) {
        self.acousticModel = acousticModel
        self.dictionary = dictionary
    }

    /// Debian's pocketsphinx-en-us package (US English, 16 kHz, PTM acoustic model and cmudict).
    package static let debianEnUS = SpeechModel(
        acousticModel: "/usr/share/pocketsphinx/model/en-us/en-us",
        dictionary: "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
    )

    /// Checks that every file exists.
    ///
    /// - Throws: `SpeechError` naming the first missing file and the package that provides it.
    package func check() throws {
        for (what, path) in [
            ("acoustic model", acousticModel + "/mdef"), ("pronunciation dictionary", dictionary)
        ] where !FileManager.default.fileExists(atPath: path) {
            throw SpeechError.modelMissing(
                "speech \(what) \(path) is missing; install pocketsphinx-en-us (apt-get install pocketsphinx-en-us) "
                    + "or configure the model paths"
            )
        }
    }
}
