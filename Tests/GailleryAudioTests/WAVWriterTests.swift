import Foundation
import Testing

@testable import GailleryAudio

/// `WAVWriter` writes what `WAVReader` reads back, to 16-bit precision, and clips.
struct WAVWriterTests {
    @Test func aWrittenFileReadsBackToSixteenBitPrecision() throws {
        let samples: [Float] = (0..<1_000).map { sin(Float($0) * 0.05) * 0.8 } + [1.5, -1.5, 0]
        let bytes = WAVWriter.pcm16(PCMAudio(samples: samples, sampleRate: 16_000))
        #expect(bytes.count == 44 + samples.count * 2)
        let read = try WAVReader.read(bytes)
        #expect(read.sampleRate == 16_000 && read.samples.count == samples.count)
        for (written, back) in zip(samples, read.samples) {
            // The writer scales by 32767 and rounds, the reader divides by 32768.
            #expect(abs(max(-1, min(1, written)) - back) <= 2.0 / 32_768)
        }
    }
}
