import GailleryVision

extension Preprocessing {
    /// How much of a JPEG to decode before resizing (PNGs are always decoded in full).
    package enum DecodeScale: Sendable, Hashable {
        /// Every pixel, as the Python reference (PIL) does: the parity setting.
        case full
        /// libjpeg's DCT scaling to the smallest N/8 whose shorter side still reaches twice `shorterSide`
        /// (so the final resize still antialiases), then the same resize. Several times faster on large
        /// JPEGs, identical below 2 x `shorterSide`, but above it the input is no longer the reference's:
        /// measured top-5 probabilities move by up to ~0.08, beyond the 0.02 parity tolerance.
        case reduced

        /// The decode's minimum shorter side over `shorterSide` in `.reduced` mode.
        static let reducedHeadroom = 2
    }

    /// The shorter side, in pixels, a `.reduced` decode must reach (`shorterSide` times the headroom);
    /// pass it as `ImageCodec.DecodeTarget.shortSide(atLeast:)` when decoding for this model elsewhere.
    package var reducedDecodeShortSide: Int { shorterSide * DecodeScale.reducedHeadroom }

    /// Decodes a JPEG or PNG (EXIF orientation applied, alpha dropped as PIL's `convert("RGB")` does)
    /// and returns its input tensor.
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - scale: Full decode (reference parity) or DCT-reduced decode for JPEGs.
    ///   - maxPixels: Refuse images whose stored width * height exceeds this, before allocating.
    /// - Throws: `ClassifierError` `.image` wrapping the decoder's `ImageError`, or for an extreme aspect ratio.
    package func tensor(
        fromEncoded bytes: UnsafeRawBufferPointer, scale: DecodeScale = .full,
        maxPixels: Int = ImageCodec.defaultMaxPixels
    ) throws(ClassifierError) -> [Float] {
        let image: RGBImage
        let fullSize: (width: Int, height: Int)
        do throws(ImageError) {
            switch scale {
            case .full:
                image = try ImageCodec.decode(bytes, target: .fullSize, alpha: .drop, maxPixels: maxPixels)
                fullSize = (image.width, image.height)
            case .reduced:
                let metadata = try ImageCodec.metadata(of: bytes)
                image = try ImageCodec.decode(
                    bytes, target: .shortSide(atLeast: reducedDecodeShortSide), alpha: .drop, maxPixels: maxPixels)
                fullSize = (metadata.width, metadata.height)
            }
        } catch {
            throw .image(error)
        }
        return try tensor(from: image, fullWidth: fullSize.width, fullHeight: fullSize.height)
    }

    /// `tensor(fromEncoded:scale:maxPixels:)` for an array.
    package func tensor(
        fromEncoded bytes: [UInt8], scale: DecodeScale = .full, maxPixels: Int = ImageCodec.defaultMaxPixels
    ) throws(ClassifierError) -> [Float] {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(ClassifierError) in try tensor(fromEncoded: raw, scale: scale, maxPixels: maxPixels) }
        }.get()
    }
}
