import CGailleryImage
import GailleryCore

extension ImageCodec {
    /// Sample layouts for `encodeJPEG(samples:...)`.
    package enum JPEGLayout: Sendable, Hashable {
        /// 1 byte per pixel, grayscale JPEG.
        case gray
        /// 3 bytes per pixel, YCbCr 4:2:0 JPEG.
        case rgb
        /// 4 bytes per pixel, Adobe CMYK JPEG; samples written as given (Adobe files store 255 - ink).
        case cmyk
        /// 4 bytes per pixel CMYK, written as Adobe YCCK.
        case ycck

        /// Bytes per pixel in the samples.
        var bytesPerPixel: Int { self == .gray ? 1 : self == .rgb ? 3 : 4 }
        /// The shim's layout code.
        var shim: gi_jpeg_layout {
            switch self {
            case .gray: GI_LAYOUT_GRAY
            case .rgb: GI_LAYOUT_RGB
            case .cmyk: GI_LAYOUT_CMYK
            case .ycck: GI_LAYOUT_YCCK
            }
        }
    }

    /// Encodes an image as a JPEG with optimised Huffman tables.
    /// - Parameters:
    ///   - quality: libjpeg quality, 1...100.
    ///   - progressive: Write a progressive JPEG (libjpeg's simple progression script).
    /// - Throws: `ImageError.invalidArgument` for a quality out of range; `.outOfMemory`.
    package static func encodeJPEG(_ image: RGBImage, quality: Int = 85, progressive: Bool = false) throws(ImageError)
        -> [UInt8]
    {
        try encodeJPEG(
            samples: image.pixels, width: image.width, height: image.height, layout: .rgb, quality: quality,
            progressive: progressive)
    }

    /// Encodes packed samples in `layout` (rows without padding) as a JPEG.
    /// - Throws: `ImageError.invalidArgument` when the sample count or quality is wrong; `.outOfMemory`.
    package static func encodeJPEG(
        samples: [UInt8], width: Int, height: Int, layout: JPEGLayout, quality: Int = 85, progressive: Bool = false
    ) throws(ImageError) -> [UInt8] {
        guard width > 0, height > 0, samples.count == width * height * layout.bytesPerPixel else {
            throw .invalidArgument("\(samples.count) samples do not make a \(width)x\(height) \(layout) image")
        }
        return try collect(.jpeg) { out, size, message in
            gi_jpeg_encode(
                samples, UInt32(clamping: width), UInt32(clamping: height), Int32(layout.shim.rawValue),
                Int32(clamping: quality), progressive ? 1 : 0, out, size, message)
        }
    }

    /// Runs a shim encoder and moves its malloc'd output into an array.
    static func collect(
        _ format: ImageFormat,
        _ encode: (
            UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>,
            UnsafeMutablePointer<gi_message>
        ) -> gi_status
    ) throws(ImageError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = gi_message()
        let status = encode(&output, &size, &message)
        defer { gi_free(output) }
        guard status == GI_OK, let output else {
            throw ImageError(status: status, format: format, message: message, source: gi_header(), limit: 0)
        }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
