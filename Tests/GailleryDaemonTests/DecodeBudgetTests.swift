import Foundation
import GailleryVision
import Testing

@testable import GailleryDaemon

/// The decode stage's memory budget (issue #16, item 9b): huge images decode one at a time, ordinary
/// ones side by side, and one image is always admitted.
@Suite struct DecodeBudgetTests {
    @Test func reservationsStayUnderTheBudgetButOneIsAlwaysAdmitted() {
        var state = DecodeBudget.State(capacity: 100)
        let answers = [
            state.reserve(60),
            !state.reserve(60),  // would reach 120: waits
            state.reserve(40),  // fits exactly
        ]
        state.release(60)
        state.release(40)
        let alone = state.reserve(500)  // over the budget, but alone: admitted
        let next = state.reserve(1)
        state.release(500)
        #expect(answers == [true, true, true])
        #expect(alone)
        #expect(!next)
        #expect(state.peak == 500)
    }

    @Test func aHugePNGCostsItsRGBAPixels() {
        #expect(DecodeBudget.cost(width: 9990, height: 9990, isPNG: true) == 9990 * 9990 * 4)
        // Six of the 9,990×9,990 PNGs never decode two at a time under the default budget.
        #expect(2 * DecodeBudget.cost(width: 9990, height: 9990, isPNG: true) > DecodeBudget.defaultBytes)
    }

    /// Two workers decoding a large PNG made at test time: with a budget that holds one, they take turns,
    /// so the reserved peak is one image's cost, not two.
    @Test func twoLargeDecodesTakeTurns() async throws {
        let width = 3000
        let height = 2000
        let image = RGBImage(width: width, height: height) { x, y in
            (UInt8(x & 0xFF), UInt8(y & 0xFF), UInt8((x ^ y) & 0xFF))
        }
        let png = try ImageCodec.encodePNG(image)
        let cost = DecodeBudget.cost(width: width, height: height, isPNG: true)
        let budget = DecodeBudget(bytes: cost + cost / 2)
        let decoded = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    await withCheckedContinuation { continuation in
                        Thread.detachNewThread {
                            let pixels = png.withUnsafeBytes { raw in
                                (try? budget.withReservation(cost) { () throws(ImageError) in
                                    try ImageCodec.decode(raw, target: .fullSize, alpha: .drop, maxPixels: 100_000_000)
                                })?.width ?? 0
                            }
                            continuation.resume(returning: pixels)
                        }
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(decoded == [width, width])
        #expect(budget.peak == cost)
    }
}
