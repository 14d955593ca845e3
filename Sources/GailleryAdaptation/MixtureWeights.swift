import Foundation
import GaillerySpeech

/// A semi-continuous or PTM model's mixture weights, expanded from pocketsphinx's quantised `sendump`.
///
/// Debian's en-us model ships its weights only as a `sendump`: each weight's negated log (base 1.0001),
/// shifted right by `mixw_shift` bits and stored as one byte, codeword by codeword. SphinxTrain's `bw`
/// needs them as a sphinx3 `mixture_weights` file, so they are expanded back here (to within the
/// quantisation) and each senone's weights renormalised to sum to one.
struct MixtureWeights {
    /// Tied states (senones), feature streams and codewords per codebook.
    let senones: Int
    let streams: Int
    let codewords: Int
    /// The weights, senone by senone, stream by stream, codeword by codeword.
    let values: [Float]

    /// Reads the `sendump` at `path`.
    ///
    /// - Throws: `AdaptationError` when the file is missing, or is not (or no longer) a whole sendump.
    init(sendump path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdaptationError.model("the acoustic model's \(path) cannot be read; reinstall pocketsphinx-en-us")
        }
        try self.init(sendump: [UInt8](data), path: path)
    }

    /// Parses a sendump's bytes (`path` names it in errors).
    init(sendump bytes: [UInt8], path: String) throws {
        let quantized: QuantizedWeights
        do {
            quantized = try QuantizedWeights(sendump: bytes, path: path)
        } catch {
            throw AdaptationError.model("\(error)")
        }
        let (streams, codewords, senones, shift) =
            (quantized.streams, quantized.codewords, quantized.senones, quantized.shift)
        let expected = streams * codewords * senones
        // Stored stream by stream and codeword by codeword, one byte per senone; kept senone-major.
        var table = [Float](repeating: 0, count: 256)
        for code in 0..<256 { table[code] = Float(exp(-Double(code << shift) * log(1.0001))) }
        var values = [Float](repeating: 0, count: expected)
        for stream in 0..<streams {
            for codeword in 0..<codewords {
                let row = (stream * codewords + codeword) * senones
                for senone in 0..<senones {
                    values[(senone * streams + stream) * codewords + codeword] =
                        table[Int(quantized.bytes[row + senone])]
                }
            }
        }
        for start in stride(from: 0, to: expected, by: codewords) {
            let sum = values[start..<(start + codewords)].reduce(0, +)
            guard sum > 0 else { continue }
            for index in start..<(start + codewords) { values[index] /= sum }
        }
        self.senones = senones
        self.streams = streams
        self.codewords = codewords
        self.values = values
    }

    /// The weights as a sphinx3 `mixture_weights` file.
    var s3File: [UInt8] { SphinxTrainFiles.s3Array(values, dimensions: (senones, streams, codewords)) }
}
