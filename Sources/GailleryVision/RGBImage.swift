/// An 8-bit RGB image: rows top to bottom, pixels left to right, 3 interleaved bytes (R, G, B) each.
package struct RGBImage: Sendable, Hashable, CustomStringConvertible {
    /// Width in pixels (at least 1).
    package var width: Int
    /// Height in pixels (at least 1).
    package var height: Int
    /// `width * height * 3` bytes, row-major, no padding.
    package var pixels: [UInt8]

    /// Wraps pixels; traps unless `pixels.count == width * height * 3` and both sides are positive.
    package init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3, "RGBImage size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image filled by `color(x, y)`, which returns (R, G, B).
    package init(width: Int, height: Int, color: (_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8)) {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let (r, g, b) = color(x, y)
                pixels.append(r)
                pixels.append(g)
                pixels.append(b)
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// "RGBImage(640x480)": the size only, so test failures and logs do not print every pixel.
    package var description: String { "RGBImage(\(width)x\(height))" }

    /// The (R, G, B) bytes at column `x`, row `y`; traps when out of range.
    package func pixel(x: Int, y: Int) -> [UInt8] {
        precondition((0..<width).contains(x) && (0..<height).contains(y), "pixel (\(x), \(y)) outside the image")
        let start = (y * width + x) * 3
        return Array(pixels[start..<(start + 3)])
    }
}
