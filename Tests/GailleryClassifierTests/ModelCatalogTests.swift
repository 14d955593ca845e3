import Foundation
import GailleryClassifier
import GailleryVision
import Testing

/// Reading manifests, labels and the catalog, and the errors for broken or missing model files.
@Suite struct ModelCatalogTests {
    @Test func catalogListsThePreparedModelsWithTheirTrainingPreprocessing() throws {
        let catalog = try ModelCatalog(directory: Fixtures.modelsDirectory)
        let mobile = try catalog.manifest(id: "mobilenet-v2")
        let lite = try catalog.manifest(id: ModelCatalog.defaultModelID)
        #expect(catalog.isInstalled(mobile) && catalog.isInstalled(lite))
        #expect(mobile.preprocess.filter == .bilinear && lite.preprocess.filter == .bicubic)
        #expect(mobile.input.size == 224 && mobile.input.name == "input" && mobile.classes == 1000)
        #expect(lite.preprocess.mean.allSatisfy { abs($0 - 127.0 / 255) < 1e-12 })
        #expect(!catalog.manifests.contains { $0.id == "taxonomy" || $0.id == "imagenet-labels" })
    }

    @Test func unknownModelListsTheKnownOnes() throws {
        let catalog = try ModelCatalog(directory: Fixtures.modelsDirectory)
        let error = #expect(throws: ClassifierError.self) { try catalog.manifest(id: "resnet-9000") }
        #expect(error?.code == .modelFiles)
        #expect(error?.description.contains("no such model (known: efficientnet-lite0") == true)
    }

    @Test func manifestWithUnknownInterpolationNamesFileAndField() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try String(
            contentsOf: Fixtures.modelsDirectory.appendingPathComponent("mobilenet-v2.json"), encoding: .utf8)
        let broken = directory.appendingPathComponent("mobilenet-v2.json")
        try original.replacingOccurrences(of: "\"bilinear\"", with: "\"nearest\"").write(
            to: broken, atomically: true, encoding: .utf8)
        let error = #expect(throws: ClassifierError.self) { try ModelCatalog(directory: directory) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("\(broken.path): is not a valid ModelManifest file (preprocess.interpolation"))
        #expect(message.contains("\"nearest\" is not one of bilinear, bicubic"), "\(message)")
        #expect(message.hasSuffix("run `make models` to fetch and convert the models again"))
    }

    @Test func missingModelFileSaysItIsNotInstalled() throws {
        let error = try loadingError { _, _ in }
        #expect(error?.code == .modelFiles)
        #expect(error?.description.contains("model mobilenet-v2 is not installed (no such file)") == true)
    }

    @Test func truncatedModelFileIsRefusedBeforeLoading() throws {
        let error = try loadingError { directory, manifest in
            try Data(count: 1000).write(to: directory.appendingPathComponent(manifest.file))
        }
        #expect(error?.description.contains("is 1000 bytes but the manifest says") == true)
    }

    @Test func aSymlinkedModelFileLoads() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try Fixtures.load()
        let manifest = try loaded.catalog.manifest(id: "mobilenet-v2")
        for file in [manifest.file, manifest.labels] {
            try FileManager.default.createSymbolicLink(
                at: directory.appendingPathComponent(file),
                withDestinationURL: Fixtures.modelsDirectory.appendingPathComponent(file))
        }
        let classifier = try ImageClassifier(manifest: manifest, modelsDirectory: directory, runtime: loaded.runtime)
        #expect(classifier.manifest.id == "mobilenet-v2")
    }

    @Test func corruptModelOfTheRightSizeIsAnInferenceError() throws {
        var directoryPath = ""
        let error = try loadingError { directory, manifest in
            directoryPath = directory.path
            try Data(repeating: 0x5A, count: manifest.bytes).write(to: directory.appendingPathComponent(manifest.file))
            try FileManager.default.copyItem(
                at: Fixtures.modelsDirectory.appendingPathComponent(manifest.labels),
                to: directory.appendingPathComponent(manifest.labels))
        }
        #expect(error?.code == .inference)
        #expect(
            error?.description.contains("loading the model \(directoryPath)") == true, "\(String(describing: error))")
    }

    /// The error from loading mobilenet-v2 out of a temporary models directory that `prepare` filled.
    private func loadingError(
        sourceLocation: SourceLocation = #_sourceLocation, _ prepare: (URL, ModelManifest) throws -> Void
    ) throws -> ClassifierError? {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try Fixtures.load()
        let manifest = try loaded.catalog.manifest(id: "mobilenet-v2")
        try prepare(directory, manifest)
        return #expect(throws: ClassifierError.self, sourceLocation: sourceLocation) {
            try ImageClassifier(manifest: manifest, modelsDirectory: directory, runtime: loaded.runtime)
        }
    }
}
