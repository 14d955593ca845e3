import Testing

@testable import GailleryVision

@Suite("concurrency")
struct ConcurrencyTests {
    /// Decodes and failures interleaved on many threads: results and error messages must not mix, which
    /// they would if the shim kept any state (error handler, jump buffer, message) outside the call.
    @Test("parallel decodes and failures keep their own results and messages")
    func parallel() async throws {
        let good = try ImageCodec.encodeJPEG(Fixture.gradient(width: 300, height: 200), quality: 90)
        let expected = try ImageCodec.decode(good)
        let truncated = Array(good[0..<(good.count / 2)])
        let png = try ImageCodec.encodePNG(Fixture.gradient(width: 120, height: 80))
        let damagedPNG = png.enumerated().map { $0.offset == png.count / 2 ? $0.element ^ 0x55 : $0.element }
        let inputs = [good, truncated, png, damagedPNG]
        @Sendable func outcome(_ input: [UInt8]) -> String {
            do {
                let image = try ImageCodec.decode(input)
                return image == expected ? "same as serial" : "\(image.width)x\(image.height)"
            } catch {
                return "\(error.code): \(error)"
            }
        }
        let serial = inputs.map(outcome)
        #expect(serial[0] == "same as serial" && serial[2] == "120x80")
        #expect(serial[1].hasPrefix("truncated") && serial[3].hasPrefix("corrupt"))
        let outcomes = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<48 {
                group.addTask { (index, outcome(inputs[index % 4])) }
            }
            return await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes.count == 48)
        for (index, result) in outcomes { #expect(result == serial[index % 4]) }
    }
}
