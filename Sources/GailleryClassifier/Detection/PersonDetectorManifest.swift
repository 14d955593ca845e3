import Foundation

/// `models/pose-detection.json`: the person detector's file, tensors and decoding facts, written by
/// `models/pose_detection.py` (which converts MediaPipe's BlazePose detector to ONNX).
package struct PersonDetectorManifest: Sendable, Hashable, Decodable {
    /// The manifest's file name in the models directory.
    package static let fileName = "pose-detection.json"

    /// The input tensor.
    package struct Input: Sendable, Hashable, Decodable {
        /// The ONNX input's name.
        package var name: String
        /// The square input's side, in pixels (224).
        package var size: Int
    }

    /// The output tensors' names.
    package struct Outputs: Sendable, Hashable, Decodable {
        /// `[N, anchors, 12]`: box centre, size and 4 keypoints, relative to the anchors, in input pixels.
        package var boxes: String
        /// `[N, anchors, 1]`: one logit per anchor.
        package var scores: String
    }

    /// How the outputs are decoded.
    package struct Decode: Sendable, Hashable, Decodable {
        /// The SSD layers' strides, in input pixels (layers sharing a stride share a grid).
        package var strides: [Int]
        /// Anchors per cell per layer.
        package var anchorsPerLayer: Int
        /// The anchors in all (checked against `strides`).
        package var count: Int
        /// The unit of the box values (the input size).
        package var scale: Double
    }

    /// "pose-detection".
    package var id: String
    /// The ONNX file's name in the models directory.
    package var onnx: String
    /// Its size in bytes (a cheap guard against a truncated copy).
    package var bytes: Int
    /// The input tensor.
    package var input: Input
    /// The output tensors.
    package var outputs: Outputs
    /// The decoding facts.
    package var decode: Decode

    /// Reads the manifest in `modelsDirectory`.
    /// - Throws: `ClassifierError` `.modelFiles` when it is missing or malformed.
    package static func load(modelsDirectory: URL) throws(ClassifierError) -> PersonDetectorManifest {
        let url = modelsDirectory.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else {
            throw .modelFile(url.path, "the person detector is not installed (no such file)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(PersonDetectorManifest.self, from: data)
        } catch {
            throw .modelFile(url.path, "is not a person detector manifest (\(error))")
        }
    }
}
