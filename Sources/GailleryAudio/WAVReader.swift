/// Reads RIFF/WAVE files into mono `PCMAudio`.
///
/// Accepts PCM 8-bit (unsigned), 16/24/32-bit (signed) and 32/64-bit float, plain or as
/// WAVE_FORMAT_EXTENSIBLE; any channel count (averaged to mono); chunks in any order with odd-size
/// padding; and a data chunk whose size is 0xFFFFFFFF or larger than the file (streamed writers), which
/// is clamped to the bytes present. Every size field is checked against the buffer before use.
package enum WAVReader {
    /// Decodes `bytes` as a WAV file and checks it against `limits`.
    ///
    /// - Throws: `AudioError` when the bytes are not WAV, are damaged, use an unsupported encoding, or
    ///   are outside `limits` (sample rate, duration); the message says what to do.
    package static func read(_ bytes: [UInt8], limits: AudioLimits = .voiceCommand) throws -> PCMAudio {
        let reader = LittleEndianBytes(bytes: bytes)
        guard reader.fourCC(at: 0) == "RIFF", reader.fourCC(at: 8) == "WAVE" else {
            throw AudioError.notWAV(
                "data is not a RIFF/WAVE file (starts with \(preview(bytes))); send a WAV file, or raw "
                    + "16-bit little-endian PCM with format \"s16le\""
            )
        }
        let (format, data) = try chunks(reader)
        try check(format, frames: data.count / format.blockAlign, limits: limits)
        let samples = PCMDecoder.monoSamples(bytes, range: data, format: format)
        return PCMAudio(samples: samples, sampleRate: format.sampleRate)
    }

    /// Finds the `fmt ` chunk and the byte range of the `data` chunk, in whichever order they come.
    private static func chunks(_ reader: LittleEndianBytes) throws -> (WAVFormat, Range<Int>) {
        var format: WAVFormat?
        var data: Range<Int>?
        var offset = 12
        let end = reader.bytes.count
        while offset <= end - 8, format == nil || data == nil {
            guard let id = reader.fourCC(at: offset), let size32 = reader.uint32(at: offset + 4) else { break }
            let body = offset + 8
            let size = Int(size32)
            if id == "data" {
                // Streamed writers leave 0xFFFFFFFF (or a stale size); the samples run to the end of the file.
                let available = min(size, end - body)
                if data == nil { data = body..<(body + available) }
                if size > available { break }
            } else if id == "fmt " {
                guard size <= end - body else {
                    throw AudioError.malformed(
                        "WAV fmt chunk claims \(size) bytes but only \(end - body) remain; the file is truncated"
                    )
                }
                if format == nil { format = try WAVFormat.parse(reader, offset: body, size: size) }
            } else if size > end - body {
                break  // A truncated trailing chunk (LIST, id3 ...) we do not need.
            }
            offset = body + size + (size & 1)
        }
        guard let format else {
            throw AudioError.malformed("WAV has no fmt chunk (the sample format is unknown); the file is damaged")
        }
        guard let data else {
            throw AudioError.malformed("WAV has no data chunk (no samples); the file is truncated or damaged")
        }
        return (format, data)
    }

    /// Checks sample rate and duration against `limits`; `source` names the input in messages ("WAV").
    static func check(_ format: WAVFormat, frames: Int, limits: AudioLimits, source: String = "WAV") throws {
        let rate = format.sampleRate
        guard rate >= limits.minSampleRate, rate <= limits.maxSampleRate else {
            throw AudioError.outOfLimits(
                "\(source) is \(format.summary); sample rates from \(AudioText.rate(limits.minSampleRate)) to "
                    + "\(AudioText.rate(limits.maxSampleRate)) are accepted; resample it, e.g. "
                    + "`sox in.wav -r 16000 out.wav`"
            )
        }
        let duration = Double(frames) / Double(rate)
        guard duration <= limits.maxDuration else {
            throw AudioError.outOfLimits(
                "\(source) is \(format.summary), \(AudioText.seconds(duration)) long; at most "
                    + "\(AudioText.seconds(limits.maxDuration)) is accepted; send a shorter clip"
            )
        }
    }

    private static func preview(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(4)
        if head.isEmpty { return "nothing: it is empty" }
        let hex = head.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }
        return hex.joined(separator: " ")
    }
}
