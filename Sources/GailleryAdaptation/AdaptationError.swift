/// Why speaker adaptation could not run. Every message says what to do.
package struct AdaptationError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    package enum Kind: Sendable, Equatable {
        /// The recordings or their sentences cannot be used (the caller's to fix).
        case recordings
        /// The base model or SphinxTrain is missing or damaged (the installation's to fix).
        case model
        /// A SphinxTrain tool failed or took too long.
        case tool
    }

    package let kind: Kind
    package let description: String

    static func recordings(_ message: String) -> AdaptationError {
        AdaptationError(kind: .recordings, description: message)
    }
    static func model(_ message: String) -> AdaptationError { AdaptationError(kind: .model, description: message) }
    static func tool(_ message: String) -> AdaptationError { AdaptationError(kind: .tool, description: message) }
}
