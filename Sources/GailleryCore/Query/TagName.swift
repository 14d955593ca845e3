/// A tag in canonical form: the one spelling under which the index stores it and search looks it up.
///
/// Canonicalisation (see `canonical(_:)`) trims, lowercases, turns underscores into spaces, collapses
/// runs of whitespace, strips punctuation and ASCII symbols around the tag, and singularises the last word,
/// so `"  Golden_Retrievers! "` and `golden retriever` are the same tag. A valid tag is 1...64
/// characters long after canonicalisation and contains no control characters.
public struct TagName: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The longest canonical tag accepted, in characters (extended grapheme clusters).
    public static let maximumLength = 64

    /// The canonical spelling.
    public let rawValue: String

    /// Canonicalises and validates `raw`.
    ///
    /// - Throws: `TagNameError` when the canonical form is empty, longer than `maximumLength`
    ///   characters, or contains a control character.
    public init(_ raw: String) throws(TagNameError) {
        let canonical = Self.canonical(raw)
        if let error = Self.validationError(raw: raw, canonical: canonical) { throw error }
        rawValue = canonical
    }

    /// Wraps `rawValue` when it is already canonical and valid; `nil` otherwise.
    public init?(rawValue: String) {
        guard let name = try? TagName(rawValue), name.rawValue == rawValue else { return nil }
        self = name
    }

    /// Whether `raw` canonicalises to a valid tag.
    public static func isValid(_ raw: String) -> Bool {
        validationError(raw: raw, canonical: canonical(raw)) == nil
    }

    /// The canonical form of `raw` (which may be empty or invalid; see `init(_:)` for validation).
    public static func canonical(_ raw: String) -> String {
        let words = normalizedWords(raw)
        guard let last = words.last else { return "" }
        return (words.dropLast() + [Singular.of(last)]).joined(separator: " ")
    }

    /// `raw` normalised like a tag but without singularising, for prefix matching (`tags.list`):
    /// lowercased, underscores as spaces, whitespace collapsed, leading punctuation and symbols removed.
    /// Trailing whitespace is kept as one space, so `"golden "` matches only tags with a next word.
    public static func normalizedPrefix(_ raw: String) -> String {
        var words = normalizedWords(raw, trimTrailingPunctuation: false)
        let trailingSpace = raw.last.map { $0.isWhitespace || $0 == "_" } ?? false
        if trailingSpace, !words.isEmpty { words.append("") }
        return words.joined(separator: " ")
    }

    public static func < (lhs: TagName, rhs: TagName) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do { self = try TagName(raw) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Lowercased words of `raw` with underscores as spaces and surrounding punctuation removed.
    private static func normalizedWords(_ raw: String, trimTrailingPunctuation: Bool = true) -> [String] {
        var text = Substring(raw.lowercased())
        while let first = text.first, isTrimmable(first) { text.removeFirst() }
        while trimTrailingPunctuation, let last = text.last, isTrimmable(last) { text.removeLast() }
        return text.split(whereSeparator: { $0.isWhitespace || $0 == "_" }).map(String.init)
    }

    /// Whitespace, punctuation and ASCII symbols (`#`, `+`, `~`…); emoji and other symbols are kept.
    private static func isTrimmable(_ character: Character) -> Bool {
        character.isWhitespace || character.isPunctuation || (character.isASCII && character.isSymbol)
    }

    private static func validationError(raw: String, canonical: String) -> TagNameError? {
        if canonical.isEmpty { return TagNameError(.empty(raw: raw)) }
        if canonical.count > maximumLength { return TagNameError(.tooLong(canonical: canonical)) }
        for (offset, character) in canonical.enumerated() {
            if let scalar = character.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                return TagNameError(.controlCharacter(canonical: canonical, scalar: scalar.value, position: offset + 1))
            }
        }
        return nil
    }
}
