import Testing

@testable import GailleryAudio

@Suite struct WAVReaderErrorTests {
    static let valid = WAVBuilder(chunks: [
        ("fmt ", WAVBuilder.fmt(tag: 1, channels: 2, rate: 16_000, bits: 16)), ("LIST", [1, 2, 3, 4, 5]),
        ("data", WAVBuilder.pcm16([1, -1, 300, -300, 7, 8])),
    ]).bytes

    @Test func namesWhatANonWAVFileStartsWith() throws {
        let error = try #require(throws: AudioError.self) { try WAVReader.read(Array("ID3\u{4}abcdefgh".utf8)) }
        #expect(error.description.contains("starts with 49 44 33 04"))
        let empty = try #require(throws: AudioError.self) { try WAVReader.read([]) }
        #expect(empty.description.contains("it is empty"))
    }

    @Test func reportsMissingChunks() throws {
        let noData = WAVBuilder(chunks: [("fmt ", WAVBuilder.fmt(tag: 1, channels: 1, rate: 16_000, bits: 16))])
        let error = try #require(throws: AudioError.self) { try WAVReader.read(noData.bytes) }
        #expect(error.description.contains("no data chunk"))
        let noFmt = WAVBuilder(chunks: [("data", [0, 0])])
        let fmtError = try #require(throws: AudioError.self) { try WAVReader.read(noFmt.bytes) }
        #expect(fmtError.description.contains("no fmt chunk"))
    }

    @Test func namesUnsupportedEncodings() throws {
        let mulaw = WAVBuilder.simple(fmt: WAVBuilder.fmt(tag: 7, channels: 1, rate: 8_000, bits: 8), data: [0])
        let error = try #require(throws: AudioError.self) { try WAVReader.read(mulaw.bytes) }
        #expect(error.isUnsupported)
        #expect(error.description.contains("µ-law (format tag 7)"))
        let twelve = WAVBuilder.simple(
            fmt: WAVBuilder.fmt(tag: 1, channels: 1, rate: 8_000, bits: 12, container: 1),
            data: [0]
        )
        #expect(throws: AudioError.self) { try WAVReader.read(twelve.bytes) }
    }

    @Test func rejectsInconsistentFmt() throws {
        var fmt = WAVBuilder.fmt(tag: 1, channels: 2, rate: 16_000, bits: 16)
        fmt[12] = 3  // block align 3 for 2 channels
        #expect(throws: AudioError.self) { try WAVReader.read(WAVBuilder.simple(fmt: fmt, data: [0, 0, 0]).bytes) }
        var zero = WAVBuilder.fmt(tag: 1, channels: 1, rate: 16_000, bits: 16)
        zero[2] = 0  // no channels
        #expect(throws: AudioError.self) { try WAVReader.read(WAVBuilder.simple(fmt: zero, data: [0, 0]).bytes) }
        let short = WAVBuilder.simple(fmt: [1, 0, 1, 0], data: [0, 0])
        #expect(throws: AudioError.self) { try WAVReader.read(short.bytes) }
    }

    /// Every prefix of a valid file either decodes (to no more frames than it holds) or throws AudioError.
    @Test func survivesEveryTruncation() {
        for length in 0..<Self.valid.count {
            let prefix = Array(Self.valid.prefix(length))
            do {
                let audio = try WAVReader.read(prefix)
                #expect(audio.samples.count <= 3)
            } catch {
                #expect(error is AudioError)
            }
        }
    }

    /// Seeded random corruption of header and size fields never crashes or yields out-of-range samples.
    @Test func survivesRandomCorruption() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(truncatingIfNeeded: state >> 1)
        }
        for _ in 0..<5_000 {
            var bytes = Self.valid
            for _ in 0..<(1 + next() % 4) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            if let audio = try? WAVReader.read(bytes) {
                #expect(audio.samples.allSatisfy { $0.isFinite && abs($0) <= 1 })
            }
        }
    }
}
