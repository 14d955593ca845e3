import Testing

@testable import GailleryAudio

@Suite struct WAVReaderTests {
    @Test func decodes16BitMono() throws {
        let wav = WAVBuilder.simple(
            fmt: WAVBuilder.fmt(tag: 1, channels: 1, rate: 16_000, bits: 16),
            data: WAVBuilder.pcm16([0, 16384, -32768, 32767])
        )
        let audio = try WAVReader.read(wav.bytes)
        #expect(audio.sampleRate == 16_000)
        #expect(audio.samples == [0, 0.5, -1, Float(32767) / 32768])
    }

    @Test func decodes8BitUnsigned() throws {
        let wav = WAVBuilder.simple(
            fmt: WAVBuilder.fmt(tag: 1, channels: 1, rate: 8_000, bits: 8),
            data: [0, 128, 255]
        )
        #expect(try WAVReader.read(wav.bytes).samples == [-1, 0, Float(127) / 128])
    }

    @Test func decodes24And32BitIntegers() throws {
        let data24: [UInt8] = [0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x00, 0x00, 0x40]  // −1, max, +0.5
        let wav24 = WAVBuilder.simple(fmt: WAVBuilder.fmt(tag: 1, channels: 1, rate: 44_100, bits: 24), data: data24)
        let samples24 = try WAVReader.read(wav24.bytes).samples
        #expect(samples24[0] == -1 && samples24[2] == 0.5 && abs(samples24[1] - 1) < 1e-6)
        let data32 = WAVBuilder.le32(0x8000_0000) + WAVBuilder.le32(0x4000_0000)
        let wav32 = WAVBuilder.simple(fmt: WAVBuilder.fmt(tag: 1, channels: 1, rate: 48_000, bits: 32), data: data32)
        #expect(try WAVReader.read(wav32.bytes).samples == [-1, 0.5])
    }

    @Test func decodesFloatAndSanitisesIt() throws {
        let values: [Float] = [0.25, -0.5, 2, .nan, -.infinity]
        let data = values.flatMap { WAVBuilder.le32($0.bitPattern) }
        let wav = WAVBuilder.simple(fmt: WAVBuilder.fmt(tag: 3, channels: 1, rate: 22_050, bits: 32), data: data)
        #expect(try WAVReader.read(wav.bytes).samples == [0.25, -0.5, 1, 0, 0])
    }

    @Test func decodesExtensiblePCMAndFloat() throws {
        // 24 valid bits in 32-bit containers, left-justified.
        let pcm = WAVBuilder.extensible(subformat: 1, channels: 1, rate: 16_000, container: 4, validBits: 24)
        let pcmData = WAVBuilder.le32(0xC000_0000) + WAVBuilder.le32(0x2000_0000)
        #expect(try WAVReader.read(WAVBuilder.simple(fmt: pcm, data: pcmData).bytes).samples == [-0.5, 0.25])
        let float = WAVBuilder.extensible(subformat: 3, channels: 1, rate: 16_000, container: 4, validBits: 32)
        let floatData = WAVBuilder.le32(Float(0.75).bitPattern)
        #expect(try WAVReader.read(WAVBuilder.simple(fmt: float, data: floatData).bytes).samples == [0.75])
    }

    @Test func rejectsExtensibleWithForeignGUID() {
        var tail = WAVBuilder.standardGUIDTail
        tail[13] ^= 0xFF
        let fmt = WAVBuilder.extensible(
            subformat: 1,
            channels: 1,
            rate: 16_000,
            container: 2,
            validBits: 16,
            guidTail: tail
        )
        #expect(throws: AudioError.self) { try WAVReader.read(WAVBuilder.simple(fmt: fmt, data: [0, 0]).bytes) }
    }

    @Test(arguments: [2, 3, 6])
    func downmixesByAveraging(channels: Int) throws {
        // Frame 0: channel c holds 1000·(c+1); frame 1: all −3000.
        let frame0 = (0..<channels).map { Int16(1000 * ($0 + 1)) }
        let frame1 = [Int16](repeating: -3000, count: channels)
        let fmt = WAVBuilder.fmt(tag: 1, channels: channels, rate: 16_000, bits: 16)
        let samples = try WAVReader.read(WAVBuilder.simple(fmt: fmt, data: WAVBuilder.pcm16(frame0 + frame1)).bytes)
            .samples
        let mean0 = Float(1000 * (channels + 1)) / 2 / 32768
        #expect(samples.count == 2)
        #expect(abs(samples[0] - mean0) < 1e-6 && abs(samples[1] + Float(3000) / 32768) < 1e-6)
    }

    @Test func acceptsAnyChunkOrderAndOddPadding() throws {
        let fmt = WAVBuilder.fmt(tag: 1, channels: 1, rate: 16_000, bits: 16)
        let data = WAVBuilder.pcm16([1, 2, 3])
        let wav = WAVBuilder(chunks: [("LIST", [1, 2, 3]), ("data", data), ("junk", [9]), ("fmt ", fmt)])
        #expect(try WAVReader.read(wav.bytes).samples == [1, 2, 3].map { Float($0) / 32768 })
    }

    @Test(arguments: [UInt32.max, 1_000_000])
    func clampsStreamedOrOversizedDataChunk(size: UInt32) throws {
        // Stereo: three whole frames plus half a frame, which is dropped.
        var wav = WAVBuilder.simple(
            fmt: WAVBuilder.fmt(tag: 1, channels: 2, rate: 16_000, bits: 16),
            data: WAVBuilder.pcm16([5, 5, 6, 6, 7, 7, 9])
        )
        wav.sizeOverrides["data"] = size
        #expect(try WAVReader.read(wav.bytes).samples == [5, 6, 7].map { Float($0) / 32768 })
    }

    @Test func explainsTooLongAudio() throws {
        // 41.2 s of 44.1 kHz, 3-channel, 24-bit silence.
        let bytes = 44_100 * 412 / 10 * 3 * 3
        let fmt = WAVBuilder.fmt(tag: 1, channels: 3, rate: 44_100, bits: 24)
        let error = try #require(throws: AudioError.self) {
            try WAVReader.read(WAVBuilder.simple(fmt: fmt, data: [UInt8](repeating: 0, count: bytes)).bytes)
        }
        #expect(error.isOutOfLimits)
        #expect(error.description.hasPrefix("WAV is 44.1 kHz 3-channel 24-bit, 41.2 s long; at most 30 s is accepted"))
    }

    @Test func honoursConfiguredLimits() throws {
        let wav = WAVBuilder.simple(
            fmt: WAVBuilder.fmt(tag: 1, channels: 1, rate: 16_000, bits: 16),
            data: WAVBuilder.pcm16([Int16](repeating: 0, count: 16_000))
        )
        #expect(try WAVReader.read(wav.bytes, limits: AudioLimits(maxDuration: 1)).samples.count == 16_000)
        #expect(throws: AudioError.self) { try WAVReader.read(wav.bytes, limits: AudioLimits(maxDuration: 0.5)) }
    }

    @Test func rejectsSampleRatesOutsideLimits() throws {
        for rate in [4_000, 96_000] {
            let wav = WAVBuilder.simple(
                fmt: WAVBuilder.fmt(tag: 1, channels: 2, rate: rate, bits: 16),
                data: [0, 0, 0, 0]
            )
            let error = try #require(throws: AudioError.self) { try WAVReader.read(wav.bytes) }
            #expect(error.isOutOfLimits)
            #expect(error.description.contains("stereo 16-bit; sample rates from 8 kHz to 48 kHz are accepted"))
        }
    }
}
