/// Builds WAV files byte by byte for reader tests, including deliberately odd or broken ones.
struct WAVBuilder {
    /// Chunks in file order, each an id and a payload (padding is added when assembling).
    var chunks: [(id: String, payload: [UInt8])] = []
    /// Overrides the size field of the chunk with this id (e.g. 0xFFFFFFFF for a streamed data chunk).
    var sizeOverrides: [String: UInt32] = [:]

    /// A plain `fmt ` payload.
    static func fmt(tag: UInt16, channels: Int, rate: Int, bits: Int, container: Int? = nil) -> [UInt8] {
        let bytes = container ?? (bits + 7) / 8
        var payload: [UInt8] = []
        payload += le16(tag) + le16(UInt16(channels)) + le32(UInt32(rate))
        payload += le32(UInt32(rate * channels * bytes)) + le16(UInt16(channels * bytes)) + le16(UInt16(bits))
        return payload
    }

    /// A WAVE_FORMAT_EXTENSIBLE `fmt ` payload whose subformat GUID carries `subformat` (1 PCM, 3 float).
    static func extensible(
        subformat: UInt16,
        channels: Int,
        rate: Int,
        container: Int,
        validBits: Int,
        guidTail: [UInt8] = standardGUIDTail
    ) -> [UInt8] {
        var payload = fmt(tag: 0xFFFE, channels: channels, rate: rate, bits: container * 8)
        payload += le16(22) + le16(UInt16(validBits)) + le32(0)
        payload += le16(subformat) + guidTail
        return payload
    }

    static let standardGUIDTail: [UInt8] = [
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
    ]

    /// The usual layout: `fmt ` then `data`.
    static func simple(fmt: [UInt8], data: [UInt8]) -> WAVBuilder {
        WAVBuilder(chunks: [("fmt ", fmt), ("data", data)])
    }

    /// The file's bytes.
    var bytes: [UInt8] {
        var body: [UInt8] = Array("WAVE".utf8)
        for (id, payload) in chunks {
            body += Array(id.utf8) + Self.le32(sizeOverrides[id] ?? UInt32(payload.count)) + payload
            if payload.count % 2 == 1 { body.append(0) }
        }
        return Array("RIFF".utf8) + Self.le32(UInt32(body.count)) + body
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    /// 16-bit little-endian samples.
    static func pcm16(_ samples: [Int16]) -> [UInt8] { samples.flatMap { le16(UInt16(bitPattern: $0)) } }
}
