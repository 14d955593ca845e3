extension RGBImage {
    /// The `width` x `height` region whose top-left pixel is (`x`, `y`). Traps unless the region lies
    /// inside the image and is non-empty.
    package func cropped(x: Int, y: Int, width newWidth: Int, height newHeight: Int) -> RGBImage {
        precondition(
            x >= 0 && y >= 0 && newWidth > 0 && newHeight > 0 && x + newWidth <= width && y + newHeight <= height,
            "crop \(newWidth)x\(newHeight) at (\(x), \(y)) outside a \(width)x\(height) image"
        )
        var result = [UInt8]()
        result.reserveCapacity(newWidth * newHeight * 3)
        for row in y..<(y + newHeight) {
            let start = (row * width + x) * 3
            result.append(contentsOf: pixels[start..<(start + newWidth * 3)])
        }
        return RGBImage(width: newWidth, height: newHeight, pixels: result)
    }

    /// The centred `width` x `height` region, with the offsets torchvision's `CenterCrop` uses:
    /// round((size - crop) / 2) with Python's round-half-to-even. Traps when larger than the image.
    package func centerCropped(width newWidth: Int, height newHeight: Int) -> RGBImage {
        func offset(_ size: Int, _ crop: Int) -> Int { Int((Double(size - crop) / 2).rounded(.toNearestOrEven)) }
        return cropped(x: offset(width, newWidth), y: offset(height, newHeight), width: newWidth, height: newHeight)
    }
}
