import Testing

@testable import GailleryVision

/// The row-accumulating resize against the plainest statement of PIL's arithmetic (one output sample
/// at a time, 64-bit sums), on noisy images, every filter, down and up, both axes and each alone.
@Suite("resampling matches the reference arithmetic")
struct ResizeReferenceTests {
    /// PIL's two passes written out per sample: horizontal into 8 bits, then vertical.
    static func reference(_ image: RGBImage, width: Int, height: Int, filter: ResampleFilter) -> RGBImage {
        var current = image
        for horizontal in [true, false] {
            let (inSize, outSize) = horizontal ? (current.width, width) : (current.height, height)
            guard inSize != outSize else { continue }
            let kernel = ResampleKernel(inputSize: inSize, outputSize: outSize, filter: filter)
            let (w, h) = horizontal ? (outSize, current.height) : (current.width, outSize)
            var pixels = [UInt8](repeating: 0, count: w * h * 3)
            for y in 0..<h {
                for x in 0..<w {
                    let base = (horizontal ? x : y) * (kernel.taps + 2)
                    let first = Int(kernel.table[base])
                    for channel in 0..<3 {
                        var sum = 1 << (ResampleKernel.precisionBits - 1)
                        for tap in 0..<Int(kernel.table[base + 1]) {
                            let (sx, sy) = horizontal ? (first + tap, y) : (x, first + tap)
                            sum +=
                                Int(current.pixels[(sy * current.width + sx) * 3 + channel])
                                * Int(kernel.table[base + 2 + tap])
                        }
                        pixels[(y * w + x) * 3 + channel] = UInt8(min(max(sum >> ResampleKernel.precisionBits, 0), 255))
                    }
                }
            }
            current = RGBImage(width: w, height: h, pixels: pixels)
        }
        return current
    }

    @Test("bit-identical to the reference", arguments: ResampleFilter.allCases)
    func matches(filter: ResampleFilter) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let image = RGBImage(width: 73, height: 41) { _, _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (
                UInt8(truncatingIfNeeded: state >> 56), UInt8(truncatingIfNeeded: state >> 48),
                UInt8(truncatingIfNeeded: state >> 40)
            )
        }
        for (width, height) in [(30, 17), (73, 20), (40, 41), (150, 90), (5, 3), (1, 1), (74, 200)] {
            let expected = Self.reference(image, width: width, height: height, filter: filter)
            #expect(image.resized(width: width, height: height, filter: filter) == expected, "\(width)x\(height)")
        }
    }
}
