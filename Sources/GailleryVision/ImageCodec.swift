import CGailleryImage
import GailleryCore

/// Synchronous JPEG/PNG probing, decoding, thumbnailing and encoding. Every function is self-contained
/// (no shared state, C decoders live for one call), so any thread may call any of them concurrently.
/// They block for the decode's duration: call them from worker threads, not from the cooperative pool.
package enum ImageCodec {
    /// The default pixel limit (100 MP): images declaring more are refused before any allocation.
    package static let defaultMaxPixels = 100_000_000

    /// Reads the header of a JPEG or PNG without decoding pixels or allocating image-sized memory.
    /// - Parameter bytes: The whole file (a JPEG probe reads up to the first scan, a PNG probe 33 bytes).
    /// - Throws: `ImageError` `.empty`, `.unsupported` (naming what the data is), `.truncated`, `.corrupt`.
    package static func probe(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> ImageHeader {
        guard !bytes.isEmpty else { throw .empty }
        switch MediaKind.detect(bytes) {
        case .unsupported(let what):
            throw .unsupportedMedia(what)
        case .image(.png):
            return try PNGChunks.header(bytes)
        case .image(.jpeg):
            var header = gi_header()
            var message = gi_message()
            let status = gi_jpeg_probe(
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count,
                &header, &message)
            guard status == GI_OK else {
                throw ImageError(status: status, format: .jpeg, message: message, source: header, limit: 0)
            }
            return ImageHeader(format: .jpeg, shim: header)
        }
    }

    /// `probe(_:)` for an array.
    package static func probe(_ bytes: [UInt8]) throws(ImageError) -> ImageHeader {
        try bytes.withBytes { (raw) throws(ImageError) in try probe(raw) }
    }

    /// Throws `.tooLarge` when `header` declares more than `maxPixels` pixels.
    static func checkLimit(_ header: ImageHeader, maxPixels: Int) throws(ImageError) {
        guard maxPixels > 0 else { throw .invalidArgument("maxPixels must be positive, got \(maxPixels)") }
        if header.pixelCount > maxPixels {
            throw .tooLarge(header.format, width: header.width, height: header.height, limit: maxPixels)
        }
    }
}
