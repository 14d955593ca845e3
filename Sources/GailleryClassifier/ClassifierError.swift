import GailleryVision

/// Why the classifier could not load, run or read its inputs. Every message says what was wrong and
/// what to do about it; `code` classifies the failure for status reports, wire errors and tests.
package struct ClassifierError: Error, CustomStringConvertible, Sendable {
    /// A coarse, payload-free classification of a `ClassifierError`.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name ("runtimeNotFound", ...).
        package let description: String

        /// No ONNX Runtime library could be loaded from any candidate path.
        package static let runtimeNotFound = Code(description: "runtimeNotFound")
        /// A library was found but is not ONNX Runtime or is older than the API the shim needs.
        package static let runtimeIncompatible = Code(description: "runtimeIncompatible")
        /// A manifest, label or taxonomy file is missing or malformed, or the model file is missing.
        package static let modelFiles = Code(description: "modelFiles")
        /// ONNX Runtime refused the model or failed while running it.
        package static let inference = Code(description: "inference")
        /// The photo could not be decoded or has a shape the classifier cannot use.
        package static let image = Code(description: "image")
        /// The caller passed an impossible argument (a bug in the caller).
        package static let invalidArgument = Code(description: "invalidArgument")
    }

    /// One library the loader tried, and why it was not used.
    package struct Attempt: Sendable, Hashable {
        /// The path or soname passed to dlopen.
        package var path: String
        /// dlerror's text or the shim's reason.
        package var reason: String
        /// True when the file loaded but was rejected (not ONNX Runtime, or too old).
        package var foundButRejected: Bool
    }

    private enum Reason: Sendable {
        case runtimeUnavailable([Attempt])
        case modelFile(path: String, problem: String)
        case inference(String)
        case image(ImageError)
        case unusableImage(String)
        case invalidArgument(String)
    }

    private let reason: Reason

    private init(_ reason: Reason) { self.reason = reason }

    /// The classification of this error.
    package var code: Code {
        switch reason {
        case .runtimeUnavailable(let attempts):
            attempts.contains(where: \.foundButRejected) ? .runtimeIncompatible : .runtimeNotFound
        case .modelFile: .modelFiles
        case .inference: .inference
        case .image, .unusableImage: .image
        case .invalidArgument: .invalidArgument
        }
    }

    /// The decoder's error when decoding the photo failed.
    package var imageError: ImageError? {
        if case .image(let error) = reason { return error }
        return nil
    }

    /// A one-line message for logs, `daemon.status`, the photo's failed status and RPC errors.
    package var description: String {
        switch reason {
        case .runtimeUnavailable(let attempts):
            let tried = attempts.map { "\($0.path) (\($0.reason))" }.joined(separator: "; ")
            let what = code == .runtimeIncompatible ? "no usable ONNX Runtime" : "ONNX Runtime not found"
            return "\(what): tried \(tried); run `make models` or pass --ort-library PATH "
                + "(or set \(OnnxRuntime.environmentVariable))"
        case .modelFile(let path, let problem):
            return "\(path): \(problem); run `make models` to fetch and convert the models again"
        case .inference(let detail):
            return "inference failed: \(detail)"
        case .image(let error):
            return error.description
        case .unusableImage(let detail):
            return "the image cannot be classified: \(detail)"
        case .invalidArgument(let detail):
            return "invalid classifier call: \(detail)"
        }
    }

    // Constructors for the module's throw sites; callers outside the module only read errors.

    /// No candidate library loaded; `attempts` lists each path and why.
    static func runtimeUnavailable(_ attempts: [Attempt]) -> ClassifierError {
        ClassifierError(.runtimeUnavailable(attempts))
    }

    /// A model, manifest, label or taxonomy file at `path` is missing or wrong.
    static func modelFile(_ path: String, _ problem: String) -> ClassifierError {
        ClassifierError(.modelFile(path: path, problem: problem))
    }

    /// ONNX Runtime failed; `detail` is its message with context.
    static func inference(_ detail: String) -> ClassifierError { ClassifierError(.inference(detail)) }

    /// Decoding the photo failed.
    static func image(_ error: ImageError) -> ClassifierError { ClassifierError(.image(error)) }

    /// The photo decoded but cannot be classified (an extreme aspect ratio, ...).
    static func unusableImage(_ detail: String) -> ClassifierError { ClassifierError(.unusableImage(detail)) }

    /// The caller asked for something impossible.
    static func invalidArgument(_ detail: String) -> ClassifierError { ClassifierError(.invalidArgument(detail)) }
}
