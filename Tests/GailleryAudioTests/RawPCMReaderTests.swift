import Testing

@testable import GailleryAudio

@Suite struct RawPCMReaderTests {
    @Test func decodesInterleavedS16LE() throws {
        let bytes = WAVBuilder.pcm16([100, 300, -200, -400])
        let audio = try RawPCMReader.readS16LE(bytes, sampleRate: 8_000, channels: 2)
        #expect(audio.sampleRate == 8_000)
        #expect(audio.samples == [Float(200) / 32768, Float(-300) / 32768])
    }

    @Test func rejectsPartialFramesAndBadParameters() throws {
        let error = try #require(throws: AudioError.self) {
            try RawPCMReader.readS16LE([0, 0, 0], sampleRate: 16_000)
        }
        #expect(error.description.contains("3 bytes, not a multiple of 2"))
        #expect(throws: AudioError.self) { try RawPCMReader.readS16LE([0, 0], sampleRate: 16_000, channels: 0) }
        let rate = try #require(throws: AudioError.self) { try RawPCMReader.readS16LE([0, 0], sampleRate: 100_000) }
        #expect(rate.description.hasPrefix("raw s16le audio is 100 kHz mono 16-bit"))
    }
}
