/// An error from reading or checking audio input: malformed or unsupported data, or audio outside the
/// accepted limits. The description says what was wrong and what to do about it.
package struct AudioError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case notWAV(String)
        case malformed(String)
        case unsupported(String)
        case outOfLimits(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// The bytes are not a RIFF/WAVE file at all (e.g. an MP3 or a text file).
    static func notWAV(_ message: String) -> AudioError { AudioError(.notWAV(message)) }

    /// The file claims to be WAV (or raw PCM) but its structure is broken: truncated, inconsistent sizes.
    static func malformed(_ message: String) -> AudioError { AudioError(.malformed(message)) }

    /// Well-formed audio in an encoding this module does not decode (e.g. A-law, 12-bit ADPCM).
    static func unsupported(_ message: String) -> AudioError { AudioError(.unsupported(message)) }

    /// Valid audio outside `AudioLimits` (sample rate or duration).
    static func outOfLimits(_ message: String) -> AudioError { AudioError(.outOfLimits(message)) }

    /// Whether the input was valid audio that is merely too long or at an unsupported rate.
    package var isOutOfLimits: Bool {
        if case .outOfLimits = kind { return true }
        return false
    }

    /// Whether the input was well-formed audio in an encoding that is not supported.
    package var isUnsupported: Bool {
        if case .unsupported = kind { return true }
        return false
    }

    package var description: String {
        switch kind {
        case .notWAV(let message), .malformed(let message), .unsupported(let message), .outOfLimits(let message):
            message
        }
    }
}
