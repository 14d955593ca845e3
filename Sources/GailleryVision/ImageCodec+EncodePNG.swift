import CGailleryImage

extension ImageCodec {
    /// What `encodePNG(rows:_:)` writes: any PNG colour type and bit depth, with optional palette,
    /// tRNS and Adam7 interlacing. Used to generate test images and benchmark inputs.
    package struct PNGDescription: Sendable, Hashable {
        /// PNG colour types (the raw value is the IHDR code).
        package enum ColorType: Int32, Sendable, Hashable {
            case gray = 0
            case rgb = 2
            case palette = 3
            case grayAlpha = 4
            case rgba = 6

            /// Samples per pixel.
            package var channels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(rawValue)] ?? 1 }
        }

        /// Width in pixels.
        package var width: Int
        /// Height in pixels.
        package var height: Int
        /// The IHDR colour type.
        package var colorType: ColorType
        /// Bits per sample: 1, 2, 4, 8 or 16 as the colour type allows.
        package var bitDepth: Int
        /// Write Adam7-interlaced.
        package var interlaced: Bool
        /// Palette entries as R, G, B triplets (colour type `.palette`).
        package var palette: [UInt8]
        /// tRNS alpha for the first palette entries.
        package var transparency: [UInt8]

        /// Bytes per packed row: ceil(width * channels * bitDepth / 8); 16-bit samples are big-endian.
        package var rowBytes: Int { (width * colorType.channels * bitDepth + 7) / 8 }

        /// Memberwise initializer with an 8-bit, non-interlaced, palette-free default.
        package init(
            width: Int, height: Int, colorType: ColorType, bitDepth: Int = 8, interlaced: Bool = false,
            palette: [UInt8] = [], transparency: [UInt8] = []
        ) {
            self.width = width
            self.height = height
            self.colorType = colorType
            self.bitDepth = bitDepth
            self.interlaced = interlaced
            self.palette = palette
            self.transparency = transparency
        }
    }

    /// Encodes an RGB image as an 8-bit RGB PNG.
    /// - Throws: `ImageError.outOfMemory`.
    package static func encodePNG(_ image: RGBImage, interlaced: Bool = false) throws(ImageError) -> [UInt8] {
        try encodePNG(
            rows: image.pixels,
            PNGDescription(width: image.width, height: image.height, colorType: .rgb, interlaced: interlaced))
    }

    /// Encodes packed rows (`description.rowBytes` each, no padding) as a PNG.
    /// - Throws: `ImageError.invalidArgument` when the data size, depth or palette do not fit the description.
    package static func encodePNG(rows: [UInt8], _ description: PNGDescription) throws(ImageError) -> [UInt8] {
        guard description.width > 0, description.height > 0,
            rows.count == description.rowBytes * description.height, description.palette.count % 3 == 0,
            description.palette.count <= 768
        else { throw .invalidArgument("PNG rows or palette do not match \(description)") }
        return try collect(.png) { out, size, message in
            description.palette.withUnsafeBufferPointer { palette in
                description.transparency.withUnsafeBufferPointer { transparency in
                    var request = gi_png_encode_request(
                        width: UInt32(clamping: description.width), height: UInt32(clamping: description.height),
                        color_type: description.colorType.rawValue, bit_depth: Int32(clamping: description.bitDepth),
                        interlaced: description.interlaced ? 1 : 0,
                        palette: palette.isEmpty ? nil : palette.baseAddress,
                        palette_count: Int32(palette.count / 3),
                        trns: transparency.isEmpty ? nil : transparency.baseAddress,
                        trns_count: Int32(clamping: transparency.count))
                    return gi_png_encode(rows, &request, out, size, message)
                }
            }
        }
    }
}
