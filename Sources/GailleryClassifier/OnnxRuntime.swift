import CONNXRuntime
import Foundation

/// ONNX Runtime's C library, loaded at run time with dlopen, with one environment (its global logging and
/// thread-pool state). Create it once per process and share it among classifiers.
///
/// `@unchecked Sendable`: the C handle is written once in `init` and never changes; ONNX Runtime's
/// environment and session-creation calls are thread-safe, so any thread may use it.
package final class OnnxRuntime: @unchecked Sendable {
    /// The environment variable naming the library to load (below an explicit path, above the defaults).
    package static let environmentVariable = "GAILLERY_ORT_LIBRARY"

    /// The ONNX Runtime API version the shim is declared against; older libraries are refused.
    package static var apiVersion: Int { Int(gort_api_version()) }

    /// The path or soname that loaded.
    package let libraryPath: String
    /// The library's own version string, e.g. "1.32.0".
    package let version: String

    /// The shim's runtime: the loaded library, its function table and the environment.
    package let handle: OpaquePointer

    private init(handle: OpaquePointer, libraryPath: String) {
        self.handle = handle
        self.libraryPath = libraryPath
        self.version = String(cString: gort_runtime_version(handle))
    }

    deinit { gort_runtime_close(handle) }

    /// Loads the first candidate that is a usable ONNX Runtime, in order.
    /// - Parameters:
    ///   - searchPaths: Library paths or sonames, e.g. from `searchPaths(explicitLibrary:environment:modelsDirectory:)`.
    ///   - apiVersion: The API version to request; only tests pass anything but the shim's own.
    /// - Throws: `ClassifierError` `.runtimeNotFound` (nothing loaded) or `.runtimeIncompatible` (a library
    ///   loaded but is not ONNX Runtime or is too old), listing every path tried and why.
    package static func load(searchPaths: [String], apiVersion: Int = apiVersion) throws(ClassifierError)
        -> OnnxRuntime
    {
        guard !searchPaths.isEmpty else { throw .invalidArgument("no ONNX Runtime search paths given") }
        var attempts: [ClassifierError.Attempt] = []
        for path in searchPaths {
            var handle: OpaquePointer?
            var message = gort_message()
            let status = gort_runtime_open(path, UInt32(clamping: apiVersion), &handle, &message)
            if status == GORT_OK, let handle { return OnnxRuntime(handle: handle, libraryPath: path) }
            // A file that exists but does not load (wrong architecture, missing dependency) was found.
            let found = status != GORT_ERR_LOAD || (path.contains("/") && FileManager.default.fileExists(atPath: path))
            attempts.append(ClassifierError.Attempt(path: path, reason: message.string, foundButRejected: found))
        }
        throw .runtimeUnavailable(attempts)
    }

    /// Where to look, in order: an explicit path (a command-line flag) alone when given; else the
    /// `GAILLERY_ORT_LIBRARY` environment variable alone when set; else the models directory's
    /// `runtime/libonnxruntime.so*` (what `make models` installs), then the system's `libonnxruntime.so.1`
    /// and `libonnxruntime.so` (found by the dynamic linker). An explicit choice is never silently replaced.
    package static func searchPaths(
        explicitLibrary: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        modelsDirectory: URL?
    ) -> [String] {
        if let explicitLibrary, !explicitLibrary.isEmpty { return [explicitLibrary] }
        if let variable = environment[environmentVariable], !variable.isEmpty { return [variable] }
        var paths: [String] = []
        if let modelsDirectory {
            let runtime = modelsDirectory.appendingPathComponent("runtime")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: runtime.path)) ?? []
            let libraries = names.filter { $0.hasPrefix("libonnxruntime.so") }.sorted()
            paths += (libraries.isEmpty ? ["libonnxruntime.so"] : libraries).map {
                runtime.appendingPathComponent($0).path
            }
        }
        return paths + ["libonnxruntime.so.1", "libonnxruntime.so"]
    }
}

extension gort_message {
    /// The NUL-terminated text as a String.
    var string: String {
        withUnsafeBytes(of: text) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
