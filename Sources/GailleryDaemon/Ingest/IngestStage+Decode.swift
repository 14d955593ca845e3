import Foundation
import GailleryClassifier
import GailleryCore
import GailleryStore
import GailleryVision

/// What the decode stage produces for one photo.
struct DecodedPhoto {
    /// Header and EXIF facts (displayed width and height, orientation, capture date).
    var metadata: ImageMetadata
    /// The upright pixels for the classifier (DCT-reduced for JPEG), or nil when no classifier needs them.
    var image: RGBImage?
    /// The thumbnail JPEG, when one was asked for.
    var thumbnail: [UInt8]?
}

/// The original could not be read from the blob store.
struct CannotRead: Error {
    /// What to tell the user.
    var message: String
}

extension IngestStage {
    /// The thumbnail's JPEG quality (`ImageCodec.makeThumbnail`'s default).
    static let thumbnailQuality = 85

    /// Reads and decodes `photo`'s original once for both consumers: JPEGs are decoded at the smallest
    /// DCT scale that covers both the thumbnail's long side and the classifier's reduced short side, then
    /// the thumbnail is resized from that image. PNGs (never DCT-scaled) may carry transparency, which
    /// the thumbnail composites on white but the classifier drops (PIL's `convert("RGB")`), so they are
    /// decoded once per policy, as before.
    ///
    /// - Throws: `ImageError` when the image is invalid or over the pixel limit, `CannotRead` when the
    ///   original is unreadable.
    func decode(_ photo: PhotoRecord, thumbnail: Bool, preprocessing: Preprocessing?) throws -> DecodedPhoto {
        let path = store.blobs.originalPath(sha256: photo.sha256, fileExtension: photo.format.fileExtension)
        let bytes: [UInt8] = try clock.measure(.decode) {
            do {
                return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw CannotRead(message: "the original at \(path) cannot be read: \(error.localizedDescription)")
            }
        }
        defer { clock.countDecoded() }
        return try bytes.withUnsafeBytes { raw throws(ImageError) in
            try decode(raw, thumbnail: thumbnail, preprocessing: preprocessing)
        }
    }

    private func decode(
        _ raw: UnsafeRawBufferPointer, thumbnail: Bool, preprocessing: Preprocessing?
    ) throws(ImageError) -> DecodedPhoto {
        let metadata = try clock.measure(.decode) { () throws(ImageError) in try ImageCodec.metadata(of: raw) }
        let cost = DecodeBudget.cost(
            width: metadata.header.width, height: metadata.header.height, isPNG: metadata.header.format == .png)
        return try decodeBudget.withReservation(cost) { () throws(ImageError) in
            try decode(raw, metadata, thumbnail: thumbnail, preprocessing: preprocessing)
        }
    }

    private func decode(
        _ raw: UnsafeRawBufferPointer, _ metadata: ImageMetadata, thumbnail: Bool, preprocessing: Preprocessing?
    ) throws(ImageError) -> DecodedPhoto {
        let shared = thumbnail && metadata.header.format == .jpeg
        var decoded = DecodedPhoto(metadata: metadata)
        if preprocessing != nil || shared {
            let side = Self.decodeShortSide(
                metadata, thumbnailLongSide: shared ? thumbnailSize : nil,
                classifierShortSide: preprocessing?.reducedDecodeShortSide)
            decoded.image = try clock.measure(.decode) { () throws(ImageError) in
                try ImageCodec.decode(raw, target: .shortSide(atLeast: side), alpha: .drop, maxPixels: maxPixels)
            }
        }
        guard thumbnail else { return decoded }
        decoded.thumbnail = try clock.measure(.thumbnail) { () throws(ImageError) in
            guard shared, let image = decoded.image else {
                return try ImageCodec.makeThumbnail(
                    from: raw, longSide: thumbnailSize, quality: Self.thumbnailQuality, maxPixels: maxPixels
                ).jpeg
            }
            // From the full size, so DCT rounding cannot skew it.
            let size = RGBImage.size(width: metadata.width, height: metadata.height, fittingLongSide: thumbnailSize)
            let small = image.resized(width: size.width, height: size.height, filter: .bicubic)
            return try ImageCodec.encodeJPEG(small, quality: Self.thumbnailQuality)
        }
        if !shared, preprocessing == nil { decoded.image = nil }
        return decoded
    }

    /// The short side a DCT-scaled decode must reach so that its long side still covers
    /// `thumbnailLongSide` and its short side `classifierShortSide` (either may be absent).
    static func decodeShortSide(
        _ metadata: ImageMetadata, thumbnailLongSide: Int?, classifierShortSide: Int?
    ) -> Int {
        let short = max(1, min(metadata.width, metadata.height))
        let long = max(short, metadata.width, metadata.height)
        var side = 1
        if let thumbnailLongSide { side = (thumbnailLongSide * short + long - 1) / long }
        if let classifierShortSide { side = max(side, classifierShortSide) }
        return side
    }
}
