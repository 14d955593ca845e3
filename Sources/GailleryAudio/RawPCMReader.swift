/// Reads headerless signed 16-bit little-endian PCM ("s16le") whose rate and channel count the caller
/// supplies.
package enum RawPCMReader {
    /// Decodes `bytes` as interleaved s16le with `channels` channels at `sampleRate` Hz, averaged to mono.
    ///
    /// - Throws: `AudioError` if `channels` is not positive, the byte count is not a whole number of
    ///   frames, or the audio is outside `limits`.
    package static func readS16LE(
        _ bytes: [UInt8],
        sampleRate: Int,
        channels: Int = 1,
        limits: AudioLimits = .voiceCommand
    ) throws -> PCMAudio {
        guard channels > 0, channels <= 64 else {
            throw AudioError.malformed("raw s16le audio needs 1 to 64 channels, got \(channels)")
        }
        let format = WAVFormat(
            encoding: .signed(bytes: 2),
            channels: channels,
            sampleRate: sampleRate,
            bitsPerSample: 16
        )
        guard bytes.count % format.blockAlign == 0 else {
            throw AudioError.malformed(
                "raw s16le audio is \(bytes.count) bytes, not a multiple of \(format.blockAlign) "
                    + "(\(channels) channel(s) × 2 bytes); the data is truncated or not s16le"
            )
        }
        let frames = bytes.count / format.blockAlign
        try WAVReader.check(format, frames: frames, limits: limits, source: "raw s16le audio")
        let samples = PCMDecoder.monoSamples(bytes, range: 0..<bytes.count, format: format)
        return PCMAudio(samples: samples, sampleRate: sampleRate)
    }
}
