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

    /// `sizeFitting(longSide:)` for any width and height (a thumbnail's size from a photo's full size).
    package static func size(width: Int, height: Int, fittingLongSide longSide: Int) -> (width: Int, height: Int) {
        guard max(width, height) > longSide else { return (width, height) }
        func scaled(_ side: Int, _ long: Int) -> Int { max(1, (2 * side * longSide + long) / (2 * long)) }
        return width >= height ? (longSide, scaled(height, width)) : (scaled(width, height), longSide)
    }

    /// One separable pass, in 32-bit fixed point as PIL computes it (so results stay bit-exact): sums
    /// start at one half (rounding) and are clamped to 0...255. The loops run on raw pointers: this is
    /// the hot path of every resize.
    private func resampled(_ kernel: ResampleKernel, outWidth: Int, outHeight: Int, horizontal: Bool) -> RGBImage {
        // Table entry per output pixel (column or row): first source index, tap count, then the weights.
        let entry = kernel.taps + 2
        let result = [UInt8](unsafeUninitializedCapacity: outWidth * outHeight * 3) { out, initialized in
            pixels.withUnsafeBufferPointer { source in
                kernel.table.withUnsafeBufferPointer { weights in
                    if horizontal {
                        Self.horizontalPass(source.baseAddress!, width: width, weights.baseAddress!, entry: entry,
                            into: out.baseAddress!, outWidth: outWidth, rows: outHeight)
                    } else {
                        Self.verticalPass(source.baseAddress!, rowBytes: width * 3, weights.baseAddress!, entry: entry,
                            into: out.baseAddress!, outHeight: outHeight)
                    }
                }
            }
            initialized = outWidth * outHeight * 3
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: result)
    }

    /// Each output pixel combines `count` neighbours in its row (source step 3 bytes).
    private static func horizontalPass(
        _ source: UnsafePointer<UInt8>, width: Int, _ table: UnsafePointer<Int32>, entry: Int,
        into target: UnsafeMutablePointer<UInt8>, outWidth: Int, rows: Int
    ) {
        let bits = Int32(ResampleKernel.precisionBits)
        let half: Int32 = 1 << (bits - 1)
        var target = target
        for y in 0..<rows {
            let row = source + y * width * 3
            for x in 0..<outWidth {
                let weights = table + x * entry
                var pixel = row + Int(weights[0]) * 3
                var (r, g, b) = (half, half, half)
                for tap in 0..<Int(weights[1]) {
                    let weight = weights[2 + tap]
                    r &+= Int32(pixel[0]) &* weight
                    g &+= Int32(pixel[1]) &* weight
                    b &+= Int32(pixel[2]) &* weight
                    pixel += 3
                }
                target[0] = clamp(r >> bits)
                target[1] = clamp(g >> bits)
                target[2] = clamp(b >> bits)
                target += 3
            }
        }
    }

    /// Each output row is a weighted sum of whole source rows: one accumulator row, so the inner loop
    /// runs over contiguous bytes (and vectorises) instead of striding down columns.
    private static func verticalPass(
        _ source: UnsafePointer<UInt8>, rowBytes: Int, _ table: UnsafePointer<Int32>, entry: Int,
        into target: UnsafeMutablePointer<UInt8>, outHeight: Int
    ) {
        let bits = Int32(ResampleKernel.precisionBits)
        let half: Int32 = 1 << (bits - 1)
        let sums = UnsafeMutablePointer<Int32>.allocate(capacity: rowBytes)
        defer { sums.deallocate() }
        for y in 0..<outHeight {
            let weights = table + y * entry
            sums.initialize(repeating: half, count: rowBytes)
            var row = source + Int(weights[0]) * rowBytes
            for tap in 0..<Int(weights[1]) {
                let weight = weights[2 + tap]
                for i in 0..<rowBytes { sums[i] &+= Int32(row[i]) &* weight }
                row += rowBytes
            }
            let out = target + y * rowBytes
            for i in 0..<rowBytes { out[i] = clamp(sums[i] >> bits) }
        }
    }

    private static func clamp(_ value: Int32) -> UInt8 { UInt8(truncatingIfNeeded: min(max(value, 0), 255)) }
}
