import Foundation
import Testing

@testable import GailleryAudio

@Suite struct FeatureExtractorTests {
    /// A 1 kHz sine of amplitude 0.5 has mean square 0.125 (−9.03 dB); pre-emphasis (0.97) scales 1 kHz
    /// by |1 − 0.97 e^(−jω)| = 0.3855 (−8.28 dB), so its band energy is −17.3 dB.
    @Test func reportsBandEnergyInDecibelsFullScale() {
        let energies = FeatureExtractor().analyze(Signals.tone(1_000, rate: 16_000, seconds: 0.5)).energies
        let steady = energies[2..<(energies.count - 3)]
        #expect(steady.allSatisfy { abs($0 + 17.3) < 0.3 }, "\(steady.min()!)…\(steady.max()!)")
        #expect(FeatureExtractor().analyze([Float](repeating: 0, count: 1_000)).energies.allSatisfy { $0 < -110 })
    }

    /// CMN removes a gain change: log-mel energies shift by a constant, which lands in c0's mean only.
    @Test func meanNormalisationCancelsGain() {
        let signal = Signals.noise(count: 16_000, amplitude: 0.4)
        let extractor = FeatureExtractor()
        let loud = cepstralMeanNormalized(extractor.cepstra(signal))
        let quiet = cepstralMeanNormalized(extractor.cepstra(signal.map { $0 * 0.25 }))
        let worst = zip(loud, quiet).flatMap { zip($0, $1).map { abs($0 - $1) } }.max()!
        #expect(worst < 1e-3)
        let means = (0..<13).map { index in loud.reduce(0) { $0 + Double($1[index]) } / Double(loud.count) }
        #expect(means.allSatisfy { abs($0) < 1e-4 })
    }

    /// Plans are made under FFTW's planner lock, so extractors can be built and used on many threads.
    @Test func worksOnManyThreadsAtOnce() {
        let signal = Signals.noise(count: 8_000, amplitude: 0.3)
        let expected = FeatureExtractor().cepstra(signal)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            results.record(FeatureExtractor().cepstra(signal) == expected)
        }
        #expect(results.all == 16)
    }
}

/// Thread-safe tally for `worksOnManyThreadsAtOnce`.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var all: Int { lock.withLock { count } }

    func record(_ matched: Bool) { lock.withLock { count += matched ? 1 : 0 } }
}
