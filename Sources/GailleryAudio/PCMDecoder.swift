/// Converts interleaved PCM bytes to mono float samples in −1…1, averaging the channels.
enum PCMDecoder {
    /// Decodes the whole frames in `bytes[range]` (a trailing partial frame is ignored).
    ///
    /// Float input that is not finite becomes 0 and is clamped to −1…1, so hostile files cannot push
    /// NaN or huge values into the front end.
    static func monoSamples(_ bytes: [UInt8], range: Range<Int>, format: WAVFormat) -> [Float] {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "PCMDecoder: range outside data")
        let channels = format.channels
        let width = format.encoding.bytes
        let frames = range.count / format.blockAlign
        let scale = 1 / Float(channels)
        var output = [Float](repeating: 0, count: frames)
        bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress! + range.lowerBound
            output.withUnsafeMutableBufferPointer { out in
                for frame in 0..<frames {
                    var sum: Float = 0
                    let frameStart = base + frame * format.blockAlign
                    for channel in 0..<channels {
                        sum += sample(at: frameStart + channel * width, encoding: format.encoding)
                    }
                    out[frame] = sum * scale
                }
            }
        }
        return output
    }

    /// One sample at `pointer`, as a float in −1…1.
    @inline(__always)
    private static func sample(at pointer: UnsafeRawPointer, encoding: SampleEncoding) -> Float {
        switch encoding {
        case .unsigned8:
            return (Float(pointer.load(as: UInt8.self)) - 128) / 128
        case .signed(let bytes):
            // Assemble the container little-endian into the top of an Int32 so the sign comes for free.
            var value: UInt32 = 0
            for index in 0..<bytes {
                value |= UInt32(pointer.load(fromByteOffset: index, as: UInt8.self)) << (8 * (4 - bytes + index))
            }
            return Float(Int32(bitPattern: value)) / 2_147_483_648
        case .float32:
            return sanitized(Float(bitPattern: UInt32(littleEndian: pointer.loadUnaligned(as: UInt32.self))))
        case .float64:
            let value = Double(bitPattern: UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)))
            return sanitized(Float(value))
        }
    }

    @inline(__always)
    private static func sanitized(_ value: Float) -> Float {
        value.isFinite ? min(max(value, -1), 1) : 0
    }
}
