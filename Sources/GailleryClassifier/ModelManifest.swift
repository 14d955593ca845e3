import Foundation
import GailleryVision

/// What `models/<id>.json` says about one converted model: its file, tensor names and sizes, the
/// preprocessing it was trained with, its labels file and where it came from. Written by
/// `models/convert.py`; see models/README.md for the fields.
package struct ModelManifest: Decodable, Sendable, Hashable {
    /// The model id, e.g. "efficientnet-lite0" (also the manifest's file name without `.json`).
    package var id: String
    /// A display name, e.g. "EfficientNet-Lite0".
    package var name: String
    /// The ONNX file name, relative to the models directory.
    package var file: String
    /// The input tensor.
    package var input: Input
    /// The output tensor names.
    package var outputs: Outputs
    /// How a photo becomes the input tensor.
    package var preprocess: Preprocess
    /// The labels file name, relative to the models directory.
    package var labels: String
    /// The number of output classes (1000 for ImageNet-1k).
    package var classes: Int
    /// The embedding output (the pooled features before the last layer), absent in older conversions.
    package var embedding: Embedding?
    /// The licence of the weights.
    package var licence: String
    /// The ONNX file's SHA-256 (lowercase hex).
    package var sha256: String
    /// The ONNX file's size in bytes.
    package var bytes: Int

    /// The input tensor: float32, NCHW, RGB, shape [N, 3, size, size] with a dynamic batch dimension.
    package struct Input: Decodable, Sendable, Hashable {
        /// The tensor name fed to the session ("input").
        package var name: String
        /// The spatial size (height = width) in pixels.
        package var size: Int

        private enum CodingKeys: String, CodingKey { case name, shape, dtype, layout, channels }

        /// Decodes `name` and `shape` (["N", 3, S, S]) and checks dtype float32, layout NCHW and RGB.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            var shape = try container.nestedUnkeyedContainer(forKey: .shape)
            let batch = try shape.decode(String.self)
            let dims = [try shape.decode(Int.self), try shape.decode(Int.self), try shape.decode(Int.self)]
            let facts = try [CodingKeys.dtype, .layout, .channels].map { try container.decode(String.self, forKey: $0) }
            guard shape.isAtEnd, dims[0] == 3, dims[1] == dims[2], dims[1] > 0, facts == ["float32", "NCHW", "RGB"]
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .shape, in: container,
                    debugDescription: "input must be float32 NCHW RGB [\(batch), 3, S, S]; got \(dims) \(facts)")
            }
            size = dims[1]
        }
    }

    /// Output tensor names.
    package struct Outputs: Decodable, Sendable, Hashable {
        /// Raw scores, [N, classes].
        package var logits: String
        /// Softmax probabilities (computed inside the graph), [N, classes].
        package var probabilities: String
    }

    /// The third output: a photo's pooled features, what "more like this" compares.
    package struct Embedding: Decodable, Sendable, Hashable {
        /// The output tensor's name, [N, size].
        package var output: String
        /// Values per photo (1,280 for EfficientNet-Lite0 and MobileNetV2).
        package var size: Int
    }

    /// Preprocessing facts: shorter-side resize, centre crop, per-channel mean and standard deviation.
    package struct Preprocess: Decodable, Sendable, Hashable {
        /// The shorter side after resizing, in pixels.
        package var resizeShorterSide: Int
        /// The resize filter (PIL's, antialiased).
        package var filter: ResampleFilter
        /// The centre crop's side in pixels.
        package var crop: Int
        /// Per-channel mean (R, G, B) of byte / 255.
        package var mean: [Double]
        /// Per-channel standard deviation (R, G, B).
        package var std: [Double]

        private enum CodingKeys: String, CodingKey {
            case resizeShorterSide = "resize_shorter_side", interpolation, antialias, crop, mean, std
        }

        /// Decodes the manifest's `preprocess` object; only antialiased bilinear and bicubic are known.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            resizeShorterSide = try container.decode(Int.self, forKey: .resizeShorterSide)
            crop = try container.decode(Int.self, forKey: .crop)
            mean = try container.decode([Double].self, forKey: .mean)
            std = try container.decode([Double].self, forKey: .std)
            let interpolation = try container.decode(String.self, forKey: .interpolation)
            switch interpolation {
            case "bilinear": filter = .bilinear
            case "bicubic": filter = .bicubic
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .interpolation, in: container,
                    debugDescription: "interpolation \"\(interpolation)\" is not one of bilinear, bicubic")
            }
            guard try container.decode(Bool.self, forKey: .antialias) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .antialias, in: container, debugDescription: "only antialiased (PIL) resizing is supported")
            }
            guard mean.count == 3, std.count == 3, std.allSatisfy({ $0 > 0 }), crop > 0, resizeShorterSide >= crop
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .crop, in: container,
                    debugDescription: "need 3 means, 3 positive stds and 0 < crop <= resize_shorter_side")
            }
        }
    }

    /// Reads and checks a manifest file.
    /// - Throws: `ClassifierError` `.modelFiles` naming the file and what is wrong with it.
    package static func load(from url: URL) throws(ClassifierError) -> ModelManifest {
        let manifest = try JSONFile.decode(ModelManifest.self, from: url)
        guard manifest.preprocess.crop == manifest.input.size else {
            throw .modelFile(
                url.path, "crop \(manifest.preprocess.crop) differs from the input size \(manifest.input.size)")
        }
        guard manifest.classes > 0 else { throw .modelFile(url.path, "classes must be positive") }
        return manifest
    }
}

/// Reads JSON files into Decodable values with errors that name the file.
enum JSONFile {
    /// Decodes `url`'s contents as `type`.
    /// - Throws: `ClassifierError` `.modelFiles`: unreadable file or the decoder's complaint.
    static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws(ClassifierError) -> T {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .modelFile(url.path, "cannot be read (\(error.localizedDescription))")
        }
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw .modelFile(url.path, "is not a valid \(type) file (\(describe(error)))")
        }
    }

    /// A short account of a DecodingError: the failing key path and the reason.
    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context)): missing \"\(key.stringValue)\""
        default:
            return "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return keys.isEmpty ? "top level" : String(keys.drop { $0 == "." })
    }
}
