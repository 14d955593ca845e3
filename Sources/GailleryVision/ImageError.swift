import GailleryCore

/// Why an image could not be probed, decoded or encoded. Every message says what was wrong and what to
/// do about it; `code` classifies the failure for wire error codes and tests.
package struct ImageError: Error, CustomStringConvertible, Sendable {
    /// A coarse, payload-free classification of an `ImageError`.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name ("empty", "tooLarge", ...).
        package let description: String

        /// The data has no bytes.
        package static let empty = Code(description: "empty")
        /// The data is not a JPEG or PNG (or uses a feature the decoders lack).
        package static let unsupported = Code(description: "unsupported")
        /// The data ends early.
        package static let truncated = Code(description: "truncated")
        /// The data is damaged.
        package static let corrupt = Code(description: "corrupt")
        /// The declared size is over the pixel limit.
        package static let tooLarge = Code(description: "tooLarge")
        /// An allocation failed.
        package static let outOfMemory = Code(description: "outOfMemory")
        /// The caller passed an impossible argument (a bug in the caller, not in the data).
        package static let invalidArgument = Code(description: "invalidArgument")
    }

    private enum Reason: Sendable {
        case empty
        case unsupportedMedia(String)
        case unsupportedFeature(ImageFormat, String)
        case truncated(ImageFormat, String)
        case corrupt(ImageFormat, String)
        case tooLarge(ImageFormat, width: Int, height: Int, limit: Int)
        case outOfMemory(ImageFormat, String)
        case invalidArgument(String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    /// The classification of this error.
    package var code: Code {
        switch reason {
        case .empty: .empty
        case .unsupportedMedia, .unsupportedFeature: .unsupported
        case .truncated: .truncated
        case .corrupt: .corrupt
        case .tooLarge: .tooLarge
        case .outOfMemory: .outOfMemory
        case .invalidArgument: .invalidArgument
        }
    }

    /// A one-line message for logs, the photo's failed status and RPC errors.
    package var description: String {
        switch reason {
        case .empty:
            return "the file is empty (0 bytes); there is no image in it"
        case .unsupportedMedia(let what):
            return "the data is \(what), which is not supported; supported: JPEG, PNG"
        case .unsupportedFeature(let format, let detail):
            return "\(format.name) uses a feature that is not supported (\(detail)); convert it to an 8-bit JPEG or PNG"
        case .truncated(let format, let detail):
            return "\(format.name) is truncated (\(detail)); the file was cut short, copy it again from its source"
        case .corrupt(let format, let detail):
            return "\(format.name) data is corrupt (\(detail)); the file is damaged, re-export or re-download it"
        case .tooLarge(let format, let width, let height, let limit):
            return "\(format.name) declares \(width)×\(height) (\(Self.megapixels(width * height, whole: false)) MP), "
                + "over the \(Self.megapixels(limit)) MP limit; raise --max-pixels if this is a real photo"
        case .outOfMemory(let format, let detail):
            return "ran out of memory decoding a \(format.name) (\(detail)); lower --max-pixels or the worker count"
        case .invalidArgument(let detail):
            return "invalid image operation: \(detail)"
        }
    }

    /// Megapixels with one decimal ("3600.0"), or without when `whole` and the value is whole ("100").
    private static func megapixels(_ pixels: Int, whole: Bool = true) -> String {
        if whole && pixels % 1_000_000 == 0 { return "\(pixels / 1_000_000)" }
        let tenths = (pixels + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    // Constructors for the module's own throw sites; callers outside the module only read errors.

    /// The data has no bytes.
    static let empty = ImageError(.empty)

    /// The data is not an image format we decode; `what` names it ("a GIF image").
    static func unsupportedMedia(_ what: String) -> ImageError { ImageError(.unsupportedMedia(what)) }

    /// A JPEG/PNG using something the decoders lack (12-bit JPEG, ...).
    static func unsupportedFeature(_ format: ImageFormat, _ detail: String) -> ImageError {
        ImageError(.unsupportedFeature(format, detail))
    }

    /// The data ends early; `detail` is the decoder's message.
    static func truncated(_ format: ImageFormat, _ detail: String) -> ImageError {
        ImageError(.truncated(format, detail))
    }

    /// The data is damaged; `detail` is the decoder's message.
    static func corrupt(_ format: ImageFormat, _ detail: String) -> ImageError { ImageError(.corrupt(format, detail)) }

    /// The declared size exceeds `limit` pixels.
    static func tooLarge(_ format: ImageFormat, width: Int, height: Int, limit: Int) -> ImageError {
        ImageError(.tooLarge(format, width: width, height: height, limit: limit))
    }

    /// An allocation failed while decoding.
    static func outOfMemory(_ format: ImageFormat, _ detail: String) -> ImageError {
        ImageError(.outOfMemory(format, detail))
    }

    /// The caller asked for something impossible (a bug in the caller).
    static func invalidArgument(_ detail: String) -> ImageError { ImageError(.invalidArgument(detail)) }
}

extension ImageFormat {
    /// "JPEG" or "PNG", for messages.
    var name: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        }
    }
}
