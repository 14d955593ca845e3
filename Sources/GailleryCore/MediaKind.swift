/// What a byte string is, judged from its first bytes (magic numbers), for "unsupported media" errors
/// that name what was actually sent.
public enum MediaKind: Equatable, Sendable {
    /// A format the daemon stores.
    case image(ImageFormat)
    /// Anything else, with a human-readable name ("HEIF image", "PDF document", "empty file").
    case unsupported(String)

    /// How many leading bytes `detect` looks at; pass at least this many when you have them.
    public static let sniffLength = 32

    /// Detects the kind of `bytes` from their first `sniffLength` bytes. Never throws; unknown data is
    /// described as text or binary.
    public static func detect<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> MediaKind {
        let head = Array(bytes.prefix(sniffLength))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if head.isEmpty { return .unsupported("an empty file (0 bytes)") }
        if starts([0xFF, 0xD8, 0xFF]) { return .image(.jpeg) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .image(.png) }
        if starts(Array("ftyp".utf8), at: 4), head.count >= 12 {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            switch brand {
            case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1": return .unsupported("a HEIF/HEIC image")
            case "avif", "avis": return .unsupported("an AVIF image")
            default: return .unsupported("an ISO media file (brand \(brand), e.g. MP4/MOV video)")
            }
        }
        let known: [(magic: [UInt8], offset: Int, name: String)] = [
            (Array("GIF87a".utf8), 0, "a GIF image"), (Array("GIF89a".utf8), 0, "a GIF image"),
            (Array("WEBP".utf8), 8, "a WebP image"), (Array("BM".utf8), 0, "a BMP image"),
            ([0x49, 0x49, 0x2A, 0x00], 0, "a TIFF image (or camera raw)"),
            ([0x4D, 0x4D, 0x00, 0x2A], 0, "a TIFF image (or camera raw)"),
            (Array("%PDF".utf8), 0, "a PDF document"), ([0x50, 0x4B, 0x03, 0x04], 0, "a ZIP archive"),
            ([0x1F, 0x8B], 0, "a gzip archive"), (Array("RIFF".utf8), 0, "a RIFF file (e.g. WAV audio)"),
            (Array("<svg".utf8), 0, "an SVG drawing"), (Array("<?xml".utf8), 0, "an XML document"),
            ([0x7F, 0x45, 0x4C, 0x46], 0, "an ELF executable"), (Array("ID3".utf8), 0, "an MP3 audio file"),
            (Array("OggS".utf8), 0, "an Ogg media file"), (Array("fLaC".utf8), 0, "a FLAC audio file"),
        ]
        for entry in known where starts(entry.magic, at: entry.offset) { return .unsupported(entry.name) }
        let printable = head.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) || $0 >= 0x80 }
        return .unsupported(printable ? "text, not an image" : "unrecognised binary data")
    }
}
