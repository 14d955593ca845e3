/// Writes `PCMAudio` as a RIFF/WAVE file: 16-bit signed PCM, mono, little-endian.
package enum WAVWriter {
    /// The file's bytes; samples outside −1…1 are clipped.
    package static func pcm16(_ audio: PCMAudio) -> [UInt8] {
        let dataBytes = audio.samples.count * 2
        var bytes: [UInt8] = []
        bytes.reserveCapacity(44 + dataBytes)
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        func append16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        bytes += Array("RIFF".utf8)
        append32(UInt32(36 + dataBytes))
        bytes += Array("WAVEfmt ".utf8)
        append32(16)
        append16(1)  // PCM
        append16(1)  // mono
        append32(UInt32(audio.sampleRate))
        append32(UInt32(audio.sampleRate * 2))
        append16(2)  // block align
        append16(16)
        bytes += Array("data".utf8)
        append32(UInt32(dataBytes))
        for sample in audio.samples {
            let clipped = max(-1, min(1, sample))
            append16(UInt16(bitPattern: Int16((clipped * 32767).rounded())))
        }
        return bytes
    }
}
