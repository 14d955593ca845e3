import CGailleryImage
import GailleryCore

extension ImageCodec {
    /// How large a decode must be. JPEGs are decoded at the smallest DCT scale N/8 that still covers the
    /// target (never below full size when the image is smaller); PNGs are always decoded in full.
    package enum DecodeTarget: Sendable, Hashable {
        /// Every pixel.
        case fullSize
        /// The longer side at least this many pixels (thumbnails: 320).
        case longSide(atLeast: Int)
        /// The shorter side at least this many pixels (classifier: the shorter-side resize target).
        case shortSide(atLeast: Int)
    }

    /// How transparency becomes RGB.
    package enum AlphaPolicy: Sendable, Hashable {
        /// Composite over white (rounded, no gamma): what a viewer shows. Best for thumbnails.
        case compositeOnWhite
        /// Keep the colour samples and ignore alpha, as PIL's `convert("RGB")` does (classifier parity).
        case drop
    }

    /// Decodes a JPEG or PNG to upright 8-bit RGB: header probe, pixel limit, decode (DCT-scaled for
    /// JPEG per `target`), then the EXIF orientation applied, so width and height are as displayed.
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - target: The smallest size that is still useful; `.fullSize` for every pixel.
    ///   - alpha: What to do with PNG transparency.
    ///   - maxPixels: Refuse images whose stored width * height exceeds this, before allocating.
    /// - Throws: `ImageError`: `.empty`, `.unsupported`, `.truncated`, `.corrupt` (any libjpeg warning about
    ///   damaged data, PNG CRC errors, ...), `.tooLarge`, `.outOfMemory`.
    package static func decode(
        _ bytes: UnsafeRawBufferPointer, target: DecodeTarget = .fullSize, alpha: AlphaPolicy = .compositeOnWhite,
        maxPixels: Int = defaultMaxPixels
    ) throws(ImageError) -> RGBImage {
        let header = try probe(bytes)
        let stored = try decodeStored(bytes, header: header, target: target, alpha: alpha, maxPixels: maxPixels)
        return stored.oriented(ExifMetadata.read(from: bytes).orientation ?? .normal)
    }

    /// `decode(_:target:alpha:maxPixels:)` for an array.
    package static func decode(
        _ bytes: [UInt8], target: DecodeTarget = .fullSize, alpha: AlphaPolicy = .compositeOnWhite,
        maxPixels: Int = defaultMaxPixels
    ) throws(ImageError) -> RGBImage {
        try bytes.withBytes { (raw) throws(ImageError) in
            try decode(raw, target: target, alpha: alpha, maxPixels: maxPixels)
        }
    }

    /// Decodes as stored (no EXIF orientation) after checking `header` against the limit.
    static func decodeStored(
        _ bytes: UnsafeRawBufferPointer, header: ImageHeader, target: DecodeTarget, alpha: AlphaPolicy,
        maxPixels: Int
    ) throws(ImageError) -> RGBImage {
        try checkLimit(header, maxPixels: maxPixels)
        var request = gi_decode_request()
        request.max_pixels = UInt64(maxPixels)
        request.alpha_mode = Int32((alpha == .drop ? GI_ALPHA_DROP : GI_ALPHA_COMPOSITE_WHITE).rawValue)
        switch target {
        case .fullSize:
            request.min_long_side = .max
        case .longSide(let side):
            request.min_long_side = UInt32(clamping: side)
        case .shortSide(let side):
            request.min_short_side = UInt32(clamping: side)
        }
        return try ShimDecoder.decode(bytes, format: header.format, request: request)
    }
}
