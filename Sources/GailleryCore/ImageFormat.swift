/// The image formats the daemon stores, detected from content (magic bytes), never from a file name.
public enum ImageFormat: String, Sendable, Codable, CaseIterable {
    /// JPEG/JFIF/EXIF (`FF D8 FF`).
    case jpeg
    /// PNG (`89 50 4E 47 0D 0A 1A 0A`).
    case png

    /// The conventional file extension, without a dot.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        }
    }
}
