import Foundation
import Testing

@testable import GailleryClassifier

/// Finding and loading ONNX Runtime: the models directory's copy, and clear errors when it is missing,
/// not a library, not ONNX Runtime, or too old.
@Suite struct RuntimeLoadingTests {
    @Test func loadsTheModelsDirectoryRuntimeAndReportsItsVersion() throws {
        let runtime = try Fixtures.load().runtime
        let file = try String(
            contentsOf: Fixtures.modelsDirectory.appendingPathComponent("runtime/VERSION"), encoding: .utf8)
        #expect(file.contains("onnxruntime=\(runtime.version)\n"), "VERSION file: \(file)")
        #expect(runtime.libraryPath.hasPrefix(Fixtures.modelsDirectory.path))
    }

    @Test func missingLibraryNamesEveryPathAndWhatToDo() throws {
        let empty = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let paths = OnnxRuntime.searchPaths(environment: [:], modelsDirectory: empty).filter { $0.hasPrefix("/") }
        #expect(paths == [empty.appendingPathComponent("runtime/libonnxruntime.so").path])
        let error = #expect(throws: ClassifierError.self) { try OnnxRuntime.load(searchPaths: paths) }
        #expect(error?.code == .runtimeNotFound)
        let message = error?.description ?? ""
        #expect(message.hasPrefix("ONNX Runtime not found: tried \(paths[0])"), "\(message)")
        #expect(message.contains("run `make models` or pass --ort-library"), "\(message)")
    }

    @Test func aTextFileIsNotALibrary() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = directory.appendingPathComponent("libonnxruntime.so")
        try Data("not an ELF file".utf8).write(to: fake)
        let error = #expect(throws: ClassifierError.self) { try OnnxRuntime.load(searchPaths: [fake.path]) }
        #expect(error?.code == .runtimeIncompatible)
        #expect(error?.description.hasPrefix("no usable ONNX Runtime: tried \(fake.path) (") == true)
    }

    @Test func aLibraryWithoutTheEntryPointIsRejected() {
        let error = #expect(throws: ClassifierError.self) { try OnnxRuntime.load(searchPaths: ["libc.so.6"]) }
        #expect(error?.code == .runtimeIncompatible)
        #expect(error?.description.contains("libc.so.6 has no OrtGetApiBase") == true, "\(String(describing: error))")
    }

    @Test func aLibraryOlderThanTheRequestedAPIIsRejected() throws {
        let path = try Fixtures.load().runtime.libraryPath
        let error = #expect(throws: ClassifierError.self) {
            try OnnxRuntime.load(searchPaths: [path], apiVersion: 999)
        }
        #expect(error?.code == .runtimeIncompatible)
        #expect(error?.description.contains("libonnxruntime at \(path) (version") == true)
        #expect(error?.description.contains("is older than API 999") == true, "\(String(describing: error))")
    }

    @Test func laterCandidatesAreTriedAfterAFailure() throws {
        let path = try Fixtures.load().runtime.libraryPath
        let runtime = try OnnxRuntime.load(searchPaths: ["/nonexistent/libonnxruntime.so", path])
        #expect(runtime.libraryPath == path)
    }

    @Test func searchOrderIsFlagThenEnvironmentThenModelsThenSystem() {
        let models = Fixtures.modelsDirectory
        let variable = OnnxRuntime.environmentVariable
        #expect(
            OnnxRuntime.searchPaths(explicitLibrary: "/a.so", environment: [variable: "/b.so"], modelsDirectory: models)
                == ["/a.so"])
        #expect(OnnxRuntime.searchPaths(environment: [variable: "/b.so"], modelsDirectory: models) == ["/b.so"])
        let defaults = OnnxRuntime.searchPaths(environment: [:], modelsDirectory: models)
        #expect(defaults.first?.hasPrefix(models.appendingPathComponent("runtime/libonnxruntime.so").path) == true)
        #expect(defaults.suffix(2) == ["libonnxruntime.so.1", "libonnxruntime.so"])
        #expect(OnnxRuntime.searchPaths(environment: [:], modelsDirectory: nil) == defaults.suffix(2))
    }
}
