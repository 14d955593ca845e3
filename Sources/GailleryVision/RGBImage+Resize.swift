extension RGBImage {
    /// This image resampled to `width` x `height` with `filter`, bit-exact with PIL's `Image.resize` for
    /// RGB images: a horizontal pass into an 8-bit intermediate, then a vertical pass, each in 22-bit fixed
    /// point with rounding and clamping; an axis whose size does not change is copied, not filtered.
    /// Aspect ratio is the caller's business. Traps unless both sizes are positive.
    package func resized(width newWidth: Int, height newHeight: Int, filter: ResampleFilter) -> RGBImage {
        precondition(newWidth > 0 && newHeight > 0, "resize target \(newWidth)x\(newHeight) must be positive")
        var image = self
        if newWidth != width {
            let kernel = ResampleKernel(inputSize: width, outputSize: newWidth, filter: filter)
            image = image.resampled(kernel, outWidth: newWidth, outHeight: height, horizontal: true)
        }
        if newHeight != height {
            let kernel = ResampleKernel(inputSize: height, outputSize: newHeight, filter: filter)
            image = image.resampled(kernel, outWidth: newWidth, outHeight: newHeight, horizontal: false)
        }
        return image
    }

    /// The size that makes the shorter side `shorterSide` and scales the longer one in proportion,
    /// truncating as torchvision's `Resize(int)` does (int(shorterSide * long / short)).
    package func sizeForShorterSide(_ shorterSide: Int) -> (width: Int, height: Int) {
        if width <= height { return (shorterSide, shorterSide * height / width) }
        return (shorterSide * width / height, shorterSide)
    }

    /// The size that fits the longer side into `longSide` keeping the aspect ratio (rounded, at least 1
    /// pixel), or the current size when it already fits (never enlarges).
    package func sizeFitting(longSide: Int) -> (width: Int, height: Int) {
        Self.size(width: width, height: height, fittingLongSide: longSide)
    }

    /// `sizeFitting(longSide:)` for any width and height.
    static func size(width: Int, height: Int, fittingLongSide longSide: Int) -> (width: Int, height: Int) {
        guard max(width, height) > longSide else { return (width, height) }
        func scaled(_ side: Int, _ long: Int) -> Int { max(1, (2 * side * longSide + long) / (2 * long)) }
        return width >= height ? (longSide, scaled(height, width)) : (scaled(width, height), longSide)
    }

    /// One separable pass. Horizontal: each output pixel combines `count` neighbours in its row (source
    /// step 3 bytes); vertical: in its column (step one row). Sums start at one half (rounding) and are
    /// clamped to 0...255. The loops run on raw pointers: this is the hot path of every resize.
    private func resampled(_ kernel: ResampleKernel, outWidth: Int, outHeight: Int, horizontal: Bool) -> RGBImage {
        let bits = ResampleKernel.precisionBits
        let half = 1 << (bits - 1)
        let sourceRow = width * 3
        let step = horizontal ? 3 : sourceRow
        let entry = kernel.taps + 2
        let result = [UInt8](unsafeUninitializedCapacity: outWidth * outHeight * 3) { out, initialized in
            pixels.withUnsafeBufferPointer { sourceBuffer in
                kernel.table.withUnsafeBufferPointer { tableBuffer in
                    let source = sourceBuffer.baseAddress!
                    let table = tableBuffer.baseAddress!
                    var target = out.baseAddress!
                    for y in 0..<outHeight {
                        for x in 0..<outWidth {
                            // Table entry: first source index, tap count, then the weights.
                            let weights = table + (horizontal ? x : y) * entry
                            var pixel =
                                horizontal
                                ? source + y * sourceRow + weights[0] * 3
                                : source + weights[0] * sourceRow + x * 3
                            var (r, g, b) = (half, half, half)
                            for tap in 0..<weights[1] {
                                let weight = weights[2 + tap]
                                r &+= Int(pixel[0]) &* weight
                                g &+= Int(pixel[1]) &* weight
                                b &+= Int(pixel[2]) &* weight
                                pixel += step
                            }
                            target[0] = Self.clamp(r >> bits)
                            target[1] = Self.clamp(g >> bits)
                            target[2] = Self.clamp(b >> bits)
                            target += 3
                        }
                    }
                }
            }
            initialized = outWidth * outHeight * 3
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: result)
    }

    private static func clamp(_ value: Int) -> UInt8 { UInt8(min(max(value, 0), 255)) }
}
