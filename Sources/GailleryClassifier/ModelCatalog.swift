import Foundation

/// The models a models directory offers: every `<id>.json` manifest in it (the labels and taxonomy files
/// are not manifests), with whether its ONNX file is present.
package struct ModelCatalog: Sendable {
    /// The model used when none is configured: EfficientNet-Lite0 (models/README.md explains the choice).
    package static let defaultModelID = "efficientnet-lite0"

    /// The directory the catalog was read from.
    package let directory: URL
    /// Every manifest, sorted by id.
    package let manifests: [ModelManifest]

    /// Reads every manifest in `directory`.
    /// - Throws: `ClassifierError` `.modelFiles` when the directory cannot be listed or a manifest is invalid.
    package init(directory: URL) throws(ClassifierError) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw .modelFile(directory.path, "cannot be listed (\(error.localizedDescription))")
        }
        var manifests: [ModelManifest] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            guard Self.looksLikeManifest(url) else { continue }
            let manifest = try ModelManifest.load(from: url)
            guard "\(manifest.id).json" == name else {
                throw .modelFile(url.path, "declares id \"\(manifest.id)\"; a manifest must be named <id>.json")
            }
            manifests.append(manifest)
        }
        self.directory = directory
        self.manifests = manifests
    }

    /// The manifest with `id`.
    /// - Throws: `ClassifierError` `.modelFiles` listing the ids that exist.
    package func manifest(id: String) throws(ClassifierError) -> ModelManifest {
        if let manifest = manifests.first(where: { $0.id == id }) { return manifest }
        let known = manifests.map(\.id).joined(separator: ", ")
        throw .modelFile(
            directory.appendingPathComponent("\(id).json").path,
            "no such model (known: \(known.isEmpty ? "none" : known))")
    }

    /// Where `manifest`'s ONNX file lives.
    package func modelURL(for manifest: ModelManifest) -> URL { directory.appendingPathComponent(manifest.file) }

    /// Whether `manifest`'s ONNX file exists (optional models are only converted on request).
    package func isInstalled(_ manifest: ModelManifest) -> Bool {
        FileManager.default.fileExists(atPath: modelURL(for: manifest).path)
    }

    /// True for JSON objects that have both "id" and "file" string members.
    private static func looksLikeManifest(_ url: URL) -> Bool {
        struct Probe: Decodable {
            var id: String
            var file: String
        }
        guard let data = try? Data(contentsOf: url) else { return true }  // unreadable: let load report it
        return (try? JSONDecoder().decode(Probe.self, from: data)) != nil
    }
}
