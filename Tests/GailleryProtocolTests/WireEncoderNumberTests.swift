import Foundation
import Testing

@testable import GailleryProtocol

/// `WireEncoder.encode(number:appendingTo:)` writes exactly what a full encoder run writes for the
/// number (search pages assemble their scores with it).
@Suite struct WireEncoderNumberTests {
    static let samples: [Double] = [
        0, -0.0, 1, -1, 0.5, 1.854591212682704, 0.1, 1e-7, 1e21, 1e300, -2.5e-300, 4503599627370496,
        9007199254740994, 123456789.125, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
    ]

    @Test(arguments: samples)
    func matchesAnEncoderRun(value: Double) throws {
        var appended = Array("x".utf8)
        try WireEncoder().encode(number: value, appendingTo: &appended)
        #expect(appended == Array("x".utf8) + (try WireEncoder().encode(value)))
        #expect(Array(appended.dropFirst()) == [UInt8](try WireCoding.encoder().encode(value)))
    }

    @Test func randomNumbersMatch() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            var appended: [UInt8] = []
            try WireEncoder().encode(number: value, appendingTo: &appended)
            #expect(appended == (try WireEncoder().encode(value)), "\(value)")
        }
    }

    @Test func nonFiniteIsRefusedAndLeavesTheBuffer() {
        for value in [Double.nan, .infinity, -.infinity] {
            var buffer = Array("[1,".utf8)
            #expect(throws: EncodingError.self) { try WireEncoder().encode(number: value, appendingTo: &buffer) }
            #expect(buffer == Array("[1,".utf8))
        }
    }
}
