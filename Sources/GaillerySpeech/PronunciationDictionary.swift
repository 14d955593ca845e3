import Foundation

/// The words a pronunciation dictionary (cmudict format) knows, for deciding which vocabulary phrases
/// the recognizer can be asked to hear.
///
/// cmudict lines are `word PH O NE S`; alternative pronunciations are `word(2) ...`; `;;;` lines are
/// comments. Only the words are kept (the decoder loads the pronunciations itself).
package struct PronunciationDictionary: Sendable {
    /// The known words, lowercase.
    package let words: Set<String>

    /// A dictionary of exactly `words` (for tests and tools).
    package init(words: some Sequence<String>) { self.words = Set(words.map { $0.lowercased() }) }

    /// Reads a cmudict-format file (about 40 ms for Debian's 135 000-word en-us dictionary).
    ///
    /// - Throws: `SpeechError` when the file cannot be read.
    package init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpeechError.modelMissing(
                "pronunciation dictionary \(path) cannot be read; install pocketsphinx-en-us "
                    + "(apt-get install pocketsphinx-en-us) or pass the path of a cmudict-format dictionary"
            )
        }
        var words = Set<String>()
        words.reserveCapacity(140_000)
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lineStart = 0
            while lineStart < bytes.count {
                var end = lineStart
                while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x09, bytes[end] != 0x0A { end += 1 }
                var wordEnd = end
                if wordEnd > lineStart, bytes[wordEnd - 1] == 0x29,  // ")" of "word(2)"
                    let open = (lineStart..<wordEnd).last(where: { bytes[$0] == 0x28 })
                {
                    wordEnd = open
                }
                if wordEnd > lineStart, bytes[lineStart] != 0x3B {  // not a ";;;" comment
                    words.insert(
                        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[lineStart..<wordEnd]), as: UTF8.self)
                            .lowercased()
                    )
                }
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                lineStart = end + 1
            }
        }
        self.words = words
    }

    /// Whether the dictionary has a pronunciation for `word` (lowercase).
    package func contains(_ word: String) -> Bool { words.contains(word) }
}
