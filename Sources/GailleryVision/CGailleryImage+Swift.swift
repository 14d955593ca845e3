import CGailleryImage
import GailleryCore

// Bridges the C shim's status codes, messages and two-phase decoders to Swift values and ImageError.

extension gi_message {
    /// The NUL-terminated text as a String (empty when the shim left no message).
    var string: String {
        withUnsafeBytes(of: text) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

extension ImageError {
    /// Maps a failed shim status to an error; `source` (the header, when read) names the size for tooLarge.
    init(status: gi_status, format: ImageFormat, message: gi_message, source: gi_header, limit: Int) {
        let detail = message.string.isEmpty ? "no detail from the decoder" : message.string
        switch status {
        case GI_ERR_TRUNCATED: self = .truncated(format, detail)
        case GI_ERR_UNSUPPORTED: self = .unsupportedFeature(format, detail)
        case GI_ERR_TOO_LARGE:
            self = .tooLarge(format, width: Int(source.width), height: Int(source.height), limit: limit)
        case GI_ERR_NO_MEMORY: self = .outOfMemory(format, detail)
        case GI_ERR_ARGUMENT: self = .invalidArgument(detail)
        default: self = .corrupt(format, detail)
        }
    }
}

/// Runs one of the shim's two-phase decoders: open (header, limit, scale), then read into a Swift array of
/// exactly width*height*3 bytes, so the pixels are written once with no intermediate copy.
enum ShimDecoder {
    private typealias Open = (
        UnsafePointer<UInt8>?, Int, UnsafePointer<gi_decode_request>?, UnsafeMutablePointer<OpaquePointer?>?,
        UnsafeMutablePointer<gi_decode_output>?, UnsafeMutablePointer<gi_message>?
    ) -> gi_status
    private typealias Read = (OpaquePointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<gi_message>?)
        -> gi_status
    private typealias Close = (OpaquePointer?) -> Void

    /// Decodes `bytes` (already known to be `format`) to RGB as stored (EXIF orientation not applied).
    /// - Throws: `ImageError` for damaged, truncated, unsupported or over-limit data.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, format: ImageFormat, request: gi_decode_request
    ) throws(ImageError) -> RGBImage {
        let functions: (open: Open, read: Read, close: Close) =
            switch format {
            case .jpeg: (gi_jpeg_open, gi_jpeg_read, gi_jpeg_close)
            case .png: (gi_png_open, gi_png_read, gi_png_close)
            }
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else {
            throw .empty
        }
        var request = request
        var message = gi_message()
        var output = gi_decode_output()
        var decoder: OpaquePointer?
        let limit = Int(clamping: request.max_pixels)
        let opened = functions.open(base, bytes.count, &request, &decoder, &output, &message)
        guard opened == GI_OK, let decoder else {
            throw ImageError(status: opened, format: format, message: message, source: output.source, limit: limit)
        }
        defer { functions.close(decoder) }
        let width = Int(output.width)
        let height = Int(output.height)
        let count = width * height * 3
        var status = GI_OK
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = functions.read(decoder, buffer.baseAddress, count, &message)
            initialized = status == GI_OK ? count : 0
        }
        guard status == GI_OK else {
            throw ImageError(status: status, format: format, message: message, source: output.source, limit: limit)
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` with the typed error preserved (the standard library's version is untyped rethrows).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ImageError) -> R) throws(ImageError) -> R {
        try withUnsafeBytes { raw in Result { () throws(ImageError) in try body(raw) } }.get()
    }
}
