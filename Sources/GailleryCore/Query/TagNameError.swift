/// Why a string is not a valid tag, with a message that says what to do about it.
public struct TagNameError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case empty(raw: String)
        case tooLong(canonical: String)
        case controlCharacter(canonical: String, scalar: UInt32, position: Int)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// A human-readable explanation, e.g. `tag "…" is 70 characters long; the limit is 64`.
    public var message: String {
        switch kind {
        case .empty(let raw):
            "tag \"\(raw)\" is empty once spaces and surrounding punctuation are removed; "
                + "use letters or digits, e.g. \"dog\""
        case .tooLong(let canonical):
            "tag \"\(canonical.prefix(20))…\" is \(canonical.count) characters long; "
                + "the limit is \(TagName.maximumLength)"
        case .controlCharacter(let canonical, let scalar, let position):
            "tag \"\(String(canonical.unicodeScalars.filter { $0.properties.generalCategory != .control }))\" contains "
                + "the control character U+\(Self.hex(scalar)) at character \(position); remove it"
        }
    }

    public var description: String { message }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
