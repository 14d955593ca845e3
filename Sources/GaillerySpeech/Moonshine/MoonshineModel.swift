import Foundation

/// Where the converted Moonshine files are: `models/moonshine-base-en.json` (written by
/// `models/moonshine.py`) names the encoder, decoder and tokenizer files beside it.
package struct MoonshineModel: Sendable, Hashable {
    /// The manifest's file name in a models directory.
    package static let manifestName = "moonshine-base-en.json"

    /// The model id, "moonshine-base-en".
    package var id: String
    /// The licence of the weights (MIT).
    package var licence: String
    /// The encoder's ONNX file.
    package var encoder: URL
    /// The merged decoder's ONNX file.
    package var decoder: URL
    /// The tokenizer's `tokenizer.bin`.
    package var tokenizer: URL

    private struct Manifest: Decodable {
        struct File: Decodable {
            var file: String
            var bytes: Int
        }

        var id: String
        var licence: String
        var files: [String: File]
    }

    /// Reads the manifest in `directory` and checks that its three files exist with the recorded sizes.
    /// - Throws: `SpeechError` `.modelMissing` saying which file is missing or wrong and to run `make models`.
    package static func locate(in directory: URL) throws(SpeechError) -> MoonshineModel {
        let url = directory.appendingPathComponent(manifestName)
        let manifest: Manifest
        do { manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url)) } catch {
            throw .modelMissing("\(url.path) cannot be read (\(error)); run `make models` in the source tree")
        }
        var urls: [String: URL] = [:]
        for key in ["encoder", "decoder", "tokenizer"] {
            guard let file = manifest.files[key] else {
                throw .modelMissing("\(url.path) names no \(key) file; the manifest is damaged (git checkout it)")
            }
            let fileURL = directory.appendingPathComponent(file.file)
            let size = (try? FileManager.default.attributesOfItem(atPath: fileURL.path)[.size] as? Int) ?? nil
            guard let size else {
                throw .modelMissing("\(fileURL.path) is missing: run `make models` (or models/prepare) to convert it")
            }
            guard size == file.bytes else {
                throw .modelMissing(
                    "\(fileURL.path) has \(size) bytes, the manifest says \(file.bytes): run models/prepare again")
            }
            urls[key] = fileURL
        }
        return MoonshineModel(
            id: manifest.id, licence: manifest.licence, encoder: urls["encoder"]!, decoder: urls["decoder"]!,
            tokenizer: urls["tokenizer"]!)
    }
}
