/// An error from setting up or running the recognizer. The description says what was wrong and what
/// to do about it.
package struct SpeechError: Error, CustomStringConvertible, Equatable {
    private enum Kind: Equatable {
        case modelMissing(String)
        case decoderFailed(String)
        case grammarRejected(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// A model file or directory (acoustic model, dictionary) is missing.
    static func modelMissing(_ message: String) -> SpeechError { SpeechError(.modelMissing(message)) }

    /// pocketsphinx refused the configuration or failed while decoding.
    static func decoderFailed(_ message: String) -> SpeechError { SpeechError(.decoderFailed(message)) }

    /// pocketsphinx could not compile the generated grammar (a bug in grammar generation).
    static func grammarRejected(_ message: String) -> SpeechError { SpeechError(.grammarRejected(message)) }

    /// Whether the error is a missing model file (an installation problem, not a bad request).
    package var isModelMissing: Bool {
        if case .modelMissing = kind { return true }
        return false
    }

    package var description: String {
        switch kind {
        case .modelMissing(let message), .decoderFailed(let message), .grammarRejected(let message): message
        }
    }
}
