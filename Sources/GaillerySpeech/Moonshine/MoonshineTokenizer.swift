import Foundation

/// Moonshine's vocabulary, read from `tokenizer.bin`: for each token id in order, its length (one byte, or
/// two bytes as a little-endian base-128 varint when the first is ≥ 128) followed by that many UTF-8
/// bytes. Ids 3–258 stand for the raw bytes 0–255, `▁` (U+2581) stands for a space, and decoding is
/// concatenation: no text-to-token encoder is needed, because grammar matching only reads token text.
package struct MoonshineTokenizer: Sendable {
    /// Start of transcript, fed as the decoder's first token.
    package static let bos: Int32 = 1
    /// End of transcript.
    package static let eos: Int32 = 2
    /// Token ids 3 ..< 259 are the raw bytes 0 ..< 256.
    package static let byteTokens: Range<Int32> = 3..<259

    /// Each token's bytes as stored (`▁` not yet replaced), by id.
    package let pieces: [[UInt8]]

    /// Parses the file's bytes.
    /// - Throws: `SpeechError` `.modelMissing` when a length runs past the end of the data, naming the token.
    package init(data: some Collection<UInt8>, source: String = "tokenizer.bin") throws(SpeechError) {
        let bytes = Array(data)
        var pieces: [[UInt8]] = []
        var position = 0
        while position < bytes.count {
            var length = Int(bytes[position])
            position += 1
            if length >= 128 {
                guard position < bytes.count else { throw Self.truncated(source, token: pieces.count) }
                length = (length & 0x7F) | Int(bytes[position]) << 7
                position += 1
            }
            guard position + length <= bytes.count else { throw Self.truncated(source, token: pieces.count) }
            pieces.append(Array(bytes[position..<position + length]))
            position += length
        }
        guard pieces.count > Int(Self.byteTokens.upperBound) else {
            throw .modelMissing(
                "\(source) holds \(pieces.count) tokens; a Moonshine tokenizer has 32000: run `make models` again")
        }
        self.pieces = pieces
    }

    /// Reads and parses `url`.
    /// - Throws: `SpeechError` `.modelMissing` when the file cannot be read or is malformed.
    package init(contentsOf url: URL) throws(SpeechError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .modelMissing("\(url.path) cannot be read (\(error.localizedDescription)); run `make models`")
        }
        try self.init(data: data, source: url.path)
    }

    /// The number of tokens.
    package var count: Int { pieces.count }

    /// The bytes `token` contributes to a transcript: its piece, or its raw byte for ids 3–258; nothing for
    /// the special tokens and ids past the vocabulary.
    package func bytes(of token: Int32) -> [UInt8] {
        if Self.byteTokens.contains(token) { return [UInt8(token - Self.byteTokens.lowerBound)] }
        guard token > Self.eos, Int(token) < pieces.count else { return [] }
        return pieces[Int(token)]
    }

    /// The text of `tokens` joined, with `▁` as a space and surrounding whitespace trimmed
    /// (e.g. [▁Show, ▁me, .] → "Show me.").
    package func decode(_ tokens: some Sequence<Int32>) -> String {
        let bytes = tokens.flatMap { self.bytes(of: $0) }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{2581}", with: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    private static func truncated(_ source: String, token: Int) -> SpeechError {
        .modelMissing("\(source) is truncated at token \(token); run `make models` again to rebuild it")
    }
}
