/// pocketsphinx's quantised mixture weights (`sendump`): for each feature stream and codeword, one byte
/// per senone, the weight's negated log (base 1.0001) shifted right by `shift` bits.
package struct QuantizedWeights: Sendable {
    /// Feature streams, codewords (densities) per codebook, and senones.
    package let streams: Int
    package let codewords: Int
    package let senones: Int
    /// The right shift applied to the negated logs (`mixw_shift`, 10 in pocketsphinx's models).
    package let shift: Int
    /// Stream by stream, codeword by codeword, one byte per senone.
    package let bytes: [UInt8]

    /// Reads the `sendump` at `path`.
    ///
    /// - Throws: `SpeechError` when it is missing, clustered (4-bit) or damaged.
    package init(sendump path: String) throws {
        try self.init(file: try ModelFileReader(path: path))
    }

    /// Parses a sendump's bytes (`path` names it in errors).
    package init(sendump bytes: [UInt8], path: String) throws {
        try self.init(file: ModelFileReader(bytes: bytes, path: path))
    }

    private init(file reader: ModelFileReader) throws {
        var file = reader
        // The header: length-prefixed strings (the length counts the trailing NUL), ended by a zero length.
        var first = true
        var fields: [String: Int] = [:]
        while true {
            var length = Int(try file.word())
            if first, length > 65_536 {  // written on a machine of the other byte order
                file.swapped = true
                length = Int(UInt32(length).byteSwapped)
            }
            first = false
            if length == 0 { break }
            guard length <= 4096 else { throw file.damaged("a header string is too long") }
            let text = String(decoding: try file.raw(length).dropLast(), as: UTF8.self)
            let parts = text.split(separator: " ")
            if parts.count == 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        guard fields["cluster_count", default: 0] == 0 else {
            throw file.damaged("clustered weights are not supported")
        }
        shift = fields["mixw_shift", default: 10]
        streams = fields["feature_count", default: 1]
        codewords = try file.count("codewords", in: 1...4096)
        senones = try file.count("senones", in: 1...1_000_000)
        guard (1...16).contains(streams), (0...24).contains(shift) else {
            throw file.damaged("implausible sizes: \(streams) streams, shift \(shift)")
        }
        let expected = streams * codewords * senones
        guard file.bytes.count - file.offset == expected else {
            throw file.damaged("\(file.bytes.count - file.offset) bytes of weights where \(expected) are expected")
        }
        bytes = Array(try file.raw(expected))
    }
}
