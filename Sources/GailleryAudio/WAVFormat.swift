/// How one sample of one channel is stored in the data chunk.
enum SampleEncoding: Equatable {
    /// 8-bit unsigned PCM, silence at 128.
    case unsigned8
    /// Signed little-endian PCM in a container of 2, 3 or 4 bytes (left-justified if fewer bits are valid).
    case signed(bytes: Int)
    /// IEEE 754 single precision.
    case float32
    /// IEEE 754 double precision.
    case float64

    /// Container size in bytes.
    var bytes: Int {
        switch self {
        case .unsigned8: 1
        case .signed(let bytes): bytes
        case .float32: 4
        case .float64: 8
        }
    }
}

/// The parsed `fmt ` chunk of a WAV file.
struct WAVFormat: Equatable {
    /// Sample encoding of each channel.
    var encoding: SampleEncoding
    /// Interleaved channel count (≥ 1).
    var channels: Int
    /// Frames per second (Hz).
    var sampleRate: Int
    /// Declared bits per sample (the valid bits for WAVE_FORMAT_EXTENSIBLE), used in messages.
    var bitsPerSample: Int

    /// Bytes per interleaved frame.
    var blockAlign: Int { encoding.bytes * channels }

    /// "44.1 kHz 3-channel 24-bit" style summary for messages.
    var summary: String {
        let kind = encoding == .float32 || encoding == .float64 ? "\(bitsPerSample)-bit float" : "\(bitsPerSample)-bit"
        return "\(AudioText.rate(sampleRate)) \(AudioText.channels(channels)) \(kind)"
    }

    /// The trailing 14 bytes shared by the standard KSDATAFORMAT_SUBTYPE GUIDs (the format code is in
    /// the first two bytes of the GUID).
    private static let subtypeGUIDTail: [UInt8] = [
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
    ]

    /// Parses a `fmt ` chunk whose payload occupies `size` bytes at `offset` of `reader`.
    ///
    /// - Throws: `AudioError` if the chunk is too short or inconsistent, or names an encoding that is not
    ///   PCM 8/16/24/32-bit or float 32/64-bit.
    static func parse(_ reader: LittleEndianBytes, offset: Int, size: Int) throws -> WAVFormat {
        guard size >= 16, let tag = reader.uint16(at: offset), let channels = reader.uint16(at: offset + 2),
            let rate = reader.uint32(at: offset + 4), let declaredAlign = reader.uint16(at: offset + 12),
            let bits = reader.uint16(at: offset + 14)
        else {
            throw AudioError.malformed("WAV fmt chunk is \(size) bytes, at least 16 are needed; the file is damaged")
        }
        var code = tag
        var validBits = Int(bits)
        if tag == 0xFFFE {
            guard size >= 40, let valid = reader.uint16(at: offset + 18), let sub = reader.uint16(at: offset + 24),
                Array(reader.bytes[(offset + 26)..<(offset + 40)]) == subtypeGUIDTail
            else {
                throw AudioError.unsupported(
                    "WAV uses WAVE_FORMAT_EXTENSIBLE with a missing or non-standard subformat GUID; "
                        + "convert it to 16-bit PCM, e.g. `sox in.wav -e signed -b 16 out.wav`"
                )
            }
            code = sub
            if valid > 0 { validBits = Int(valid) }
        }
        guard channels > 0 else {
            throw AudioError.malformed("WAV fmt chunk declares 0 channels; the file is damaged")
        }
        guard declaredAlign > 0, Int(declaredAlign) % Int(channels) == 0 else {
            throw AudioError.malformed(
                "WAV block align \(declaredAlign) is not a multiple of the channel count \(channels); "
                    + "the file is damaged"
            )
        }
        let container = Int(declaredAlign) / Int(channels)
        let encoding = try encoding(code: code, container: container, bits: Int(bits))
        return WAVFormat(encoding: encoding, channels: Int(channels), sampleRate: Int(rate), bitsPerSample: validBits)
    }

    private static func encoding(code: UInt16, container: Int, bits: Int) throws -> SampleEncoding {
        let convert = "convert it to 16-bit PCM, e.g. `sox in.wav -e signed -b 16 out.wav`"
        switch code {
        case 1:
            switch container {
            case 1 where bits <= 8: return .unsigned8
            case 2...4 where bits <= container * 8 && bits > 8: return .signed(bytes: container)
            default:
                throw AudioError.unsupported(
                    "WAV is \(bits)-bit PCM in \(container)-byte samples, which is not supported "
                        + "(supported: 8, 16, 24, 32-bit integer and 32-bit float); \(convert)"
                )
            }
        case 3:
            if container == 4 && bits == 32 { return .float32 }
            if container == 8 && bits == 64 { return .float64 }
            throw AudioError.unsupported(
                "WAV is \(bits)-bit float in \(container)-byte samples, which is not supported; \(convert)"
            )
        default:
            throw AudioError.unsupported(
                "WAV uses \(formatName(code)) (format tag \(code)), which is not supported "
                    + "(supported: PCM and IEEE float); \(convert)"
            )
        }
    }

    private static func formatName(_ code: UInt16) -> String {
        switch code {
        case 2: "Microsoft ADPCM"
        case 6: "A-law"
        case 7: "µ-law"
        case 0x11: "IMA ADPCM"
        case 0x31: "GSM 6.10"
        case 0x55: "MPEG layer 3"
        default: "an unknown encoding"
        }
    }
}
