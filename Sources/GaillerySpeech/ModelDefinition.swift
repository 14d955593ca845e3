/// What the acoustic scorer needs from a binary model definition (`mdef`, "BMDF"): how many base
/// phones there are and which base phone's codebook scores each senone.
///
/// The layout is the one the file describes in its own header: ten counts, the base phone names, the
/// context tree, the phones (senone sequence, transition matrix, word position and base/left/right
/// phone), and the senone sequences.
struct ModelDefinition {
    /// Number of base (context-independent) phones.
    let basePhones: Int
    /// For each senone, its base phone (the first phone that uses it, as pocketsphinx maps them).
    let senoneBasePhone: [Int32]

    /// Reads the binary mdef at `path`.
    ///
    /// - Throws: `SpeechError` when it is missing, a text mdef, or damaged.
    init(path: String) throws { try self.init(reader: try ModelFileReader(path: path)) }

    /// Parses a binary mdef from `reader`.
    init(reader: ModelFileReader) throws {
        var file = reader
        let magic = try file.word()
        switch magic {
        case 0x4644_4D42: file.swapped = false  // "BMDF" read little-endian
        case 0x424D_4446: file.swapped = true
        default: throw file.damaged("not a binary model definition")
        }
        _ = try file.word()  // format version
        let description = try file.count("bytes of format description", in: 0...65_536)
        _ = try file.raw(description)
        let ciphones = try file.count("base phones", in: 1...255)
        let phones = try file.count("phones", in: ciphones...10_000_000)
        let emitting = try file.count("emitting states per phone", in: 1...16)
        _ = try file.count("base senones", in: 0...10_000_000)
        let senones = try file.count("senones", in: 1...1_000_000)
        _ = try file.count("transition matrices", in: 0...10_000_000)
        let sequences = try file.count("senone sequences", in: 1...10_000_000)
        _ = try file.count("context phones", in: 0...16)
        let treeNodes = try file.count("context tree nodes", in: 0...100_000_000)
        _ = try file.word()  // silence phone
        for _ in 0..<ciphones { _ = try file.cString() }
        file.align()
        _ = try file.raw(8 * treeNodes)
        var phoneSequence = [Int](repeating: 0, count: phones)
        var phoneBase = [Int](repeating: 0, count: phones)
        for phone in 0..<phones {
            phoneSequence[phone] = try file.count("as a senone sequence", in: 0...(sequences - 1))
            _ = try file.word()  // transition matrix
            let info = try file.raw(4)
            phoneBase[phone] = phone < ciphones ? phone : Int(info[info.startIndex + 1])
            guard phoneBase[phone] < ciphones else { throw file.damaged("phone \(phone) has no base phone") }
        }
        let stored = try file.count("senone sequence entries", in: 0...100_000_000)
        guard stored == sequences * emitting else {
            throw file.damaged("\(stored) senone sequence entries where \(sequences * emitting) are expected")
        }
        var sequence = [Int](repeating: 0, count: stored)
        for index in 0..<stored { sequence[index] = Int(try file.halfWord()) }
        guard file.atEnd else { throw file.damaged("unexpected data after the senone sequences") }
        var base = [Int32](repeating: -1, count: senones)
        for phone in 0..<phones {
            for state in 0..<emitting {
                let senone = sequence[phoneSequence[phone] * emitting + state]
                guard senone < senones else { throw file.damaged("senone \(senone) is out of range") }
                if base[senone] < 0 { base[senone] = Int32(phoneBase[phone]) }
            }
        }
        guard !base.contains(-1) else { throw file.damaged("a senone belongs to no phone") }
        basePhones = ciphones
        senoneBasePhone = base
    }
}
