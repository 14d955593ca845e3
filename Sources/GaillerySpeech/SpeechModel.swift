import Foundation

/// Where the recognizer's model files are: the acoustic model directory, the pronunciation dictionary
/// and the phonetic language model (checked, but no longer read: the phone loop is a grammar of phones).
package struct SpeechModel: Sendable, Equatable {
    /// Acoustic model directory (`-hmm`): mdef, means, variances, feat.params, ...
    package var acousticModel: String
    /// Pronunciation dictionary in cmudict format (`-dict`).
    package var dictionary: String
    /// Phonetic language model (`-allphone`), e.g. en-us-phone.lm.bin; unused since the phone loop became a
    /// grammar of single-phone words, kept so that configurations stay valid.
    package var phoneticLanguageModel: String

    /// Model files at explicit paths.
    package init(acousticModel: String, dictionary: String, phoneticLanguageModel: String) {
        self.acousticModel = acousticModel
        self.dictionary = dictionary
        self.phoneticLanguageModel = phoneticLanguageModel
    }

    /// Debian's pocketsphinx-en-us package (US English, 16 kHz, PTM acoustic model and cmudict).
    package static let debianEnUS = SpeechModel(
        acousticModel: "/usr/share/pocketsphinx/model/en-us/en-us",
        dictionary: "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict",
        phoneticLanguageModel: "/usr/share/pocketsphinx/model/en-us/en-us-phone.lm.bin"
    )

    /// Checks that every file exists.
    ///
    /// - Throws: `SpeechError` naming the first missing file and the package that provides it.
    package func check() throws {
        for (what, path) in [
            ("acoustic model", acousticModel + "/mdef"), ("pronunciation dictionary", dictionary),
            ("phonetic language model", phoneticLanguageModel),
        ] where !FileManager.default.fileExists(atPath: path) {
            throw SpeechError.modelMissing(
                "speech \(what) \(path) is missing; install pocketsphinx-en-us (apt-get install pocketsphinx-en-us) "
                    + "or configure the model paths"
            )
        }
    }
}
