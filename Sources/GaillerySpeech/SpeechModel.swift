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

    /// Checks that every file exists and that the acoustic model's files start as pocketsphinx's do.
    ///
    /// pocketsphinx ends the whole process (`exit(1)`, without a word once its log is silenced) when a
    /// model file is not what it expects, so what can be checked cheaply is checked first: each file's
    /// leading bytes. A file damaged further in can still end the process.
    ///
    /// - Throws: `SpeechError` naming the first missing or foreign file and what to do.
    package func check() throws {
        for (what, path) in [
            ("acoustic model", acousticModel + "/mdef"), ("pronunciation dictionary", dictionary),
        ] where !FileManager.default.fileExists(atPath: path) {
            throw SpeechError.modelMissing(
                "speech \(what) \(path) is missing; install pocketsphinx-en-us (apt-get install pocketsphinx-en-us) "
                    + "or configure the model paths"
            )
        }
        // The binary mdef starts "BMDF", a text one "0.3"; the other parameter files are sphinx3 files
        // ("s3\n" header), except the quantised mixture weights (`sendump`), a length then "BEGIN".
        let expectations: [(name: String, starts: [[UInt8]], offset: Int)] = [
            ("mdef", [Array("BMDF".utf8), Array("0.3".utf8)], 0),
            ("means", [Array("s3\n".utf8)], 0), ("variances", [Array("s3\n".utf8)], 0),
            ("transition_matrices", [Array("s3\n".utf8)], 0),
            ("sendump", [Array("BEGIN".utf8)], 4), ("mixture_weights", [Array("s3\n".utf8)], 0),
        ]
        for (name, starts, offset) in expectations {
            let path = acousticModel + "/" + name
            // A missing file is optional, or pocketsphinx reports it.
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            let head = Array((try? handle.read(upToCount: offset + 8)) ?? Data())
            let matches = starts.contains { start in
                head.count >= offset + start.count && Array(head[offset..<(offset + start.count)]) == start
            }
            guard matches else {
                throw SpeechError.modelMissing(
                    "speech acoustic model file \(path) is not a pocketsphinx model file (it does not start as one); "
                        + "reinstall pocketsphinx-en-us (apt-get install --reinstall pocketsphinx-en-us) or fix the model path"
                )
            }
        }
    }
}
