import Foundation

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
        func damaged(_ why: String) -> AdaptationError {
            .model("\(path) is not a whole pocketsphinx sendump (\(why)); reinstall pocketsphinx-en-us")
        }
        var offset = 0
        var bigEndian = false
        func word() throws -> Int {
            guard offset + 4 <= bytes.count else { throw damaged("it ends inside its header") }
            let little =
                UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
            offset += 4
            return Int(bigEndian ? little.byteSwapped : little)
        }
        // The header: length-prefixed strings (the length counts the trailing NUL), ended by a zero length.
        var first = true
        var fields: [String: Int] = [:]
        while true {
            var length = try word()
            if first, length > 65_536 {  // written on a big-endian machine
                bigEndian = true
                length = Int(UInt32(length).byteSwapped)
            }
            first = false
            if length == 0 { break }
            guard length <= 4096, offset + length <= bytes.count else { throw damaged("a header string is too long") }
            let text = String(decoding: bytes[offset..<(offset + length - 1)], as: UTF8.self)
            offset += length
            let parts = text.split(separator: " ")
            if parts.count == 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        guard fields["cluster_count", default: 0] == 0 else { throw damaged("clustered weights are not supported") }
        let shift = fields["mixw_shift", default: 10]
        let streams = fields["feature_count", default: 1]
        let codewords = try word()
        let senones = try word()
        guard (1...16).contains(streams), (1...4096).contains(codewords), (1...1_000_000).contains(senones),
            (0...24).contains(shift)
        else { throw damaged("implausible sizes: \(streams) streams, \(codewords) codewords, \(senones) senones") }
        let expected = streams * codewords * senones
        guard bytes.count - offset == expected else {
            throw damaged("\(bytes.count - offset) bytes of weights where \(expected) are expected")
        }
        // Stored stream by stream and codeword by codeword, one byte per senone; kept senone-major.
        var table = [Float](repeating: 0, count: 256)
        for code in 0..<256 { table[code] = Float(exp(-Double(code << shift) * log(1.0001))) }
        var values = [Float](repeating: 0, count: expected)
        for stream in 0..<streams {
            for codeword in 0..<codewords {
                let row = offset + (stream * codewords + codeword) * senones
                for senone in 0..<senones {
                    values[(senone * streams + stream) * codewords + codeword] = table[Int(bytes[row + senone])]
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
