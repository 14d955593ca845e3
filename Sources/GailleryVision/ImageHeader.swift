import CGailleryImage
import GailleryCore

/// What an image's header says, read without decoding pixels (JPEG up to the first scan, PNG's IHDR).
package struct ImageHeader: Sendable, Hashable {
    /// The container format, detected from content.
    package var format: ImageFormat
    /// Width in pixels as stored, before EXIF orientation.
    package var width: Int
    /// Height in pixels as stored, before EXIF orientation.
    package var height: Int
    /// Samples per pixel in the file (JPEG components, PNG channels; 1 for a palette PNG).
    package var components: Int
    /// Bits per sample in the file (8 for JPEG; 1, 2, 4, 8 or 16 for PNG).
    package var bitDepth: Int
    /// The colour model of the stored samples.
    package var colorModel: ColorModel
    /// True for a progressive JPEG or an Adam7-interlaced PNG.
    package var isProgressive: Bool

    /// `width * height`, the figure the pixel limit is checked against.
    package var pixelCount: Int { width * height }

    /// The colour model of stored samples; decoding always yields 8-bit RGB.
    package enum ColorModel: String, Sendable, Hashable {
        case gray, grayAlpha, rgb, rgba, palette, ycbcr, cmyk, ycck, unknown
    }

    /// Memberwise initializer.
    package init(
        format: ImageFormat, width: Int, height: Int, components: Int, bitDepth: Int, colorModel: ColorModel,
        isProgressive: Bool
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.components = components
        self.bitDepth = bitDepth
        self.colorModel = colorModel
        self.isProgressive = isProgressive
    }

    /// Converts the shim's header for `format`.
    init(format: ImageFormat, shim header: gi_header) {
        let model: ColorModel =
            switch gi_color_model(rawValue: UInt32(bitPattern: header.color_model)) {
            case GI_COLOR_GRAY: .gray
            case GI_COLOR_GRAY_ALPHA: .grayAlpha
            case GI_COLOR_RGB: .rgb
            case GI_COLOR_RGBA: .rgba
            case GI_COLOR_PALETTE: .palette
            case GI_COLOR_YCBCR: .ycbcr
            case GI_COLOR_CMYK: .cmyk
            case GI_COLOR_YCCK: .ycck
            default: .unknown
            }
        self.init(
            format: format, width: Int(header.width), height: Int(header.height), components: Int(header.components),
            bitDepth: Int(header.bit_depth), colorModel: model, isProgressive: header.progressive != 0
        )
    }
}
