import GailleryCore

/// What ingest records about an image without keeping its pixels.
package struct ImageMetadata: Sendable, Hashable {
    /// The stored image's header (stored width and height).
    package var header: ImageHeader
    /// The EXIF orientation, `.normal` when absent or invalid.
    package var orientation: ExifOrientation
    /// EXIF DateTimeOriginal as "YYYY-MM-DDTHH:MM:SS" (camera local time), when present and valid.
    package var takenAt: String?

    /// Width in pixels as displayed (after orientation).
    package var width: Int { orientation.swapsAxes ? header.height : header.width }
    /// Height in pixels as displayed (after orientation).
    package var height: Int { orientation.swapsAxes ? header.width : header.height }

    /// Memberwise initializer.
    package init(header: ImageHeader, orientation: ExifOrientation = .normal, takenAt: String? = nil) {
        self.header = header
        self.orientation = orientation
        self.takenAt = takenAt
    }
}

/// A JPEG thumbnail and the metadata read while making it.
package struct Thumbnail: Sendable, Hashable, CustomStringConvertible {
    /// The JPEG bytes, upright (EXIF orientation applied, no EXIF written).
    package var jpeg: [UInt8]
    /// Thumbnail width in pixels.
    package var width: Int
    /// Thumbnail height in pixels.
    package var height: Int
    /// The source image's header and EXIF facts.
    package var metadata: ImageMetadata

    /// Size, byte count and metadata, without the JPEG bytes.
    package var description: String { "Thumbnail(\(width)x\(height), \(jpeg.count) JPEG bytes, \(metadata))" }
}

extension ImageCodec {
    /// Reads header and EXIF without decoding pixels (cheap: the JPEG header or PNG chunks only).
    /// - Throws: `ImageError` `.empty`, `.unsupported`, `.truncated`, `.corrupt`; malformed EXIF never throws.
    package static func metadata(of bytes: UnsafeRawBufferPointer) throws(ImageError) -> ImageMetadata {
        let header = try probe(bytes)
        let exif = ExifMetadata.read(from: bytes)
        return ImageMetadata(header: header, orientation: exif.orientation ?? .normal, takenAt: exif.takenAt)
    }

    /// The ingest stage in one call: probe, pixel limit, EXIF, one decode (JPEG at the smallest DCT scale
    /// whose long side still reaches `longSide`), resize (PIL-compatible antialiased bicubic: sharper than
    /// bilinear at the <= 2x ratios left after DCT scaling), orientation, JPEG encode. Images already
    /// within `longSide` keep their size. The whole file is decoded, so damaged data anywhere fails here.
    /// - Parameters:
    ///   - longSide: The thumbnail's longer side in pixels.
    ///   - quality: JPEG quality, 1...100.
    ///   - maxPixels: Refuse images whose stored width * height exceeds this, before allocating.
    /// - Throws: `ImageError` (see `decode`).
    package static func makeThumbnail(
        from bytes: UnsafeRawBufferPointer, longSide: Int = 320, quality: Int = 85, maxPixels: Int = defaultMaxPixels
    ) throws(ImageError) -> Thumbnail {
        guard longSide > 0 else { throw .invalidArgument("thumbnail long side must be positive, got \(longSide)") }
        let metadata = try metadata(of: bytes)
        let header = metadata.header
        let stored = try decodeStored(
            bytes, header: header, target: .longSide(atLeast: longSide), alpha: .compositeOnWhite,
            maxPixels: maxPixels)
        // Fit the stored (unrotated) image, sizing from the full dimensions so DCT rounding cannot skew
        // the aspect ratio; then rotate the small result.
        let size = RGBImage.size(width: header.width, height: header.height, fittingLongSide: longSide)
        let thumbnail = stored.resized(width: size.width, height: size.height, filter: .bicubic)
            .oriented(metadata.orientation)
        let jpeg = try encodeJPEG(thumbnail, quality: quality)
        return Thumbnail(jpeg: jpeg, width: thumbnail.width, height: thumbnail.height, metadata: metadata)
    }

    /// `metadata(of:)` for an array.
    package static func metadata(of bytes: [UInt8]) throws(ImageError) -> ImageMetadata {
        try bytes.withBytes { (raw) throws(ImageError) in try metadata(of: raw) }
    }

    /// `makeThumbnail(from:longSide:quality:maxPixels:)` for an array.
    package static func makeThumbnail(
        from bytes: [UInt8], longSide: Int = 320, quality: Int = 85, maxPixels: Int = defaultMaxPixels
    ) throws(ImageError) -> Thumbnail {
        try bytes.withBytes { (raw) throws(ImageError) in
            try makeThumbnail(from: raw, longSide: longSide, quality: quality, maxPixels: maxPixels)
        }
    }
}
