import Foundation

/// Reads the binary parts of pocketsphinx model files (`mdef`, `means`, `variances`, `sendump`): words in
/// the file's byte order, NUL-terminated strings and s3 headers, with errors that name the file.
struct ModelFileReader {
    /// The file's bytes.
    let bytes: [UInt8]
    /// The file, for errors.
    let path: String
    /// Where the next read starts.
    var offset = 0
    /// Whether words are stored byte-swapped relative to this machine.
    var swapped = false

    /// Reads the whole file at `path`.
    ///
    /// - Throws: `SpeechError` when it cannot be read.
    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpeechError.modelMissing(
                "the acoustic model file \(path) cannot be read; reinstall pocketsphinx-en-us "
                    + "(or, for an enrolled voice's model, enroll again)")
        }
        self.init(bytes: [UInt8](data), path: path)
    }

    /// Reads from `bytes` (`path` names them in errors).
    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// Whether every byte has been read.
    var atEnd: Bool { offset == bytes.count }

    /// The error for a file that is not what pocketsphinx writes (`why`).
    func damaged(_ why: String) -> SpeechError {
        .decoderFailed(
            "\(path) is not a whole pocketsphinx model file (\(why)); reinstall pocketsphinx-en-us "
                + "(or, for an enrolled voice's model, enroll again)")
    }

    /// The next 32-bit word.
    mutating func word() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw damaged("it ends at byte \(bytes.count), inside a number") }
        let value =
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
        offset += 4
        return swapped ? value.byteSwapped : value
    }

    /// The next 32-bit word as a count in `range`.
    mutating func count(_ what: String, in range: ClosedRange<Int>) throws -> Int {
        let value = Int(Int32(bitPattern: try word()))
        guard range.contains(value) else { throw damaged("\(value) \(what), expected \(range)") }
        return value
    }

    /// The next 16-bit word.
    mutating func halfWord() throws -> UInt16 {
        guard offset + 2 <= bytes.count else { throw damaged("it ends at byte \(bytes.count), inside a number") }
        let value = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
        offset += 2
        return swapped ? value.byteSwapped : value
    }

    /// `count` 32-bit floats.
    mutating func floats(_ count: Int) throws -> [Float] {
        guard count >= 0, offset + 4 * count <= bytes.count else {
            throw damaged("it ends before its \(count) numbers do")
        }
        var values = [Float](repeating: 0, count: count)
        for index in 0..<count { values[index] = Float(bitPattern: try word()) }
        return values
    }

    /// `count` raw bytes.
    mutating func raw(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else { throw damaged("it ends before its data does") }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// A NUL-terminated string.
    mutating func cString() throws -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw damaged("a name is not terminated") }
        defer { offset = end + 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    /// Skips to the next multiple of 4 bytes.
    mutating func align() { offset = (offset + 3) & ~3 }

    /// An s3 header ("s3", "name value" lines, "endhdr", then the byte-order word 0x11223344), which
    /// also sets the byte order. Returns the name-value pairs.
    mutating func s3Header() throws -> [String: String] {
        var fields: [String: String] = [:]
        var first = true
        while true {
            guard let end = bytes[offset...].firstIndex(of: 0x0A), end - offset < 4096 else {
                throw damaged("its header does not end")
            }
            let line = String(decoding: bytes[offset..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            offset = end + 1
            if first {
                guard line == "s3" else { throw damaged("it does not start with an s3 header") }
                first = false
                continue
            }
            if line == "endhdr" { break }
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        let magic = try word()
        switch magic {
        case 0x1122_3344: swapped = false
        case 0x4433_2211: swapped = true
        default: throw damaged("its byte-order mark is 0x\(String(magic, radix: 16))")
        }
        return fields
    }
}
