import GailleryVision

/// Turns a decoded photo into a model's input tensor exactly as the model was trained and as
/// `models/reference.py` does: shorter side resized to `shorterSide` with PIL's antialiased `filter`
/// (longer side truncated), centre crop `crop` x `crop` (offsets rounded half to even), then per channel
/// value = (byte / 255 - mean) / std in float32, planar (NCHW: all R, then all G, then all B).
package struct Preprocessing: Sendable, Hashable {
    /// The shorter side after resizing, in pixels.
    package var shorterSide: Int
    /// The centre crop's side, in pixels (the model's input size).
    package var crop: Int
    /// The resize filter.
    package var filter: ResampleFilter
    /// Per-channel (R, G, B) mean of byte / 255, as float32.
    package var mean: [Float]
    /// Per-channel (R, G, B) standard deviation, as float32.
    package var std: [Float]

    /// Photos more elongated than this (long side / short side) are refused: resizing the short side to
    /// `shorterSide` would make the long side enormous, and a centre crop of them shows little.
    package static let maximumAspectRatio = 50

    /// The preprocessing a manifest describes.
    package init(_ manifest: ModelManifest) {
        let facts = manifest.preprocess
        shorterSide = facts.resizeShorterSide
        crop = facts.crop
        filter = facts.filter
        mean = facts.mean.map { Float($0) }
        std = facts.std.map { Float($0) }
    }

    /// Floats per image: 3 * crop * crop.
    package var tensorCount: Int { 3 * crop * crop }

    /// The input tensor for one upright RGB image (`tensorCount` floats).
    /// - Throws: `ClassifierError` `.image` for an aspect ratio over `maximumAspectRatio`.
    package func tensor(from image: RGBImage) throws(ClassifierError) -> [Float] {
        try tensor(from: image, fullWidth: image.width, fullHeight: image.height)
    }

    /// The tensor for `image`, which may be a reduced (DCT-scaled) decode of a `fullWidth` x `fullHeight`
    /// photo (as displayed): the resize target is computed from the full size, so the geometry matches a
    /// full decode.
    /// - Throws: `ClassifierError` `.image` for an aspect ratio over `maximumAspectRatio`.
    package func tensor(from image: RGBImage, fullWidth: Int, fullHeight: Int) throws(ClassifierError) -> [Float] {
        let (long, short) = (max(fullWidth, fullHeight), min(fullWidth, fullHeight))
        guard long <= short * Self.maximumAspectRatio else {
            throw .unusableImage(
                "it is \(fullWidth)×\(fullHeight), more elongated than \(Self.maximumAspectRatio):1")
        }
        // RGBImage.sizeForShorterSide's rule (torchvision's int(side * long / short)), on the full size.
        let target =
            fullWidth <= fullHeight
            ? (width: shorterSide, height: shorterSide * fullHeight / fullWidth)
            : (width: shorterSide * fullWidth / fullHeight, height: shorterSide)
        let cropped = image.resized(width: target.width, height: target.height, filter: filter)
            .centerCropped(width: crop, height: crop)
        return normalized(cropped)
    }

    /// Planar normalised floats from a `crop` x `crop` image, through one 256-entry table per channel
    /// (the same float32 operations as numpy's, so the values are bit-identical to the reference's).
    private func normalized(_ image: RGBImage) -> [Float] {
        let tables = (0..<3).map { channel in
            (0...255).map { byte in (Float(byte) / 255 - mean[channel]) / std[channel] }
        }
        let plane = crop * crop
        return [Float](unsafeUninitializedCapacity: 3 * plane) { out, initialized in
            image.pixels.withUnsafeBufferPointer { pixels in
                for channel in 0..<3 {
                    let table = tables[channel]
                    for pixel in 0..<plane {
                        out[channel * plane + pixel] = table[Int(pixels[pixel * 3 + channel])]
                    }
                }
            }
            initialized = 3 * plane
        }
    }
}
