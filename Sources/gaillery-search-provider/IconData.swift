import Foundation
import GailleryVision

/// A thumbnail as KRunner's `icon-data` wants it (the `(iiibiiay)` of org.freedesktop.Notifications'
/// image-data): width, height, row stride, has alpha, bits per sample, channels, pixels.
///
/// The 320-pixel thumbnail is scaled down to `side` pixels on its longer side: a match's icon is small,
/// and twenty full thumbnails would be 6 MB on the bus per key typed.
struct IconData {
    let image: RGBImage

    /// The icon's longer side in pixels.
    static let side = 64

    /// Reads and scales the JPEG at `thumbnailPath`; nil when it cannot be read or decoded (no icon then).
    init?(thumbnailPath: String) {
        guard let data = FileManager.default.contents(atPath: thumbnailPath),
            let decoded = try? ImageCodec.decode([UInt8](data), target: .longSide(atLeast: Self.side))
        else { return nil }
        let size = decoded.sizeFitting(longSide: Self.side)
        image = decoded.resized(width: size.width, height: size.height, filter: .bilinear)
    }

    /// Appends the `(iiibiiay)` struct.
    func write(to reply: DBusReply) throws {
        try reply.container("r", "iiibiiay") {
            try reply.int32(Int32(image.width))
            try reply.int32(Int32(image.height))
            try reply.int32(Int32(image.width * 3))
            try reply.bool(false)
            try reply.int32(8)
            try reply.int32(3)
            try reply.bytes(image.pixels)
        }
    }
}
