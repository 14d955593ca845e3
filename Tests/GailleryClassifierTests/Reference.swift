import Foundation

/// The Python reference (`models/reference.py`: PIL + numpy + onnxruntime on the same ONNX file), run at
/// test time so the expected answers always match the installed models.
enum Reference {
    /// reference.py's JSON output.
    struct Output: Decodable {
        var model: String
        var images: [Image]
    }

    /// One image's top classes.
    struct Image: Decodable {
        var path: String
        var top: [Top]
    }

    /// One class and its probability.
    struct Top: Decodable {
        var index: Int
        var wnid: String
        var label: String
        var prob: Double
    }

    /// The venv's interpreter, made by `make models`.
    static let python = Fixtures.modelsDirectory.appendingPathComponent(".venv/bin/python")

    /// Runs reference.py on `paths` for `model`; with `saveInput`, also writes the preprocessed batch there.
    /// - Throws: `Fixtures.Unavailable` saying to run `make models` when the venv is missing, or the
    ///   script's error output.
    static func classify(model: String, paths: [URL], saveInput: URL? = nil) throws -> Output {
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Fixtures.Unavailable(
                description:
                    "\(python.path) is missing; run `make models` (models/prepare) to create the reference venv")
        }
        var arguments = [Fixtures.modelsDirectory.appendingPathComponent("reference.py").path, "--model", model]
        if let saveInput { arguments += ["--save-input", saveInput.path] }
        let json = try Fixtures.run(python.path, arguments + paths.map(\.path))
        return try JSONDecoder().decode(Output.self, from: Data(json.utf8))
    }

    /// Reads a little-endian float32 C-order `.npy` file (format 1.x or 2.x).
    /// - Returns: The shape and the values.
    static func readNPY(_ url: URL) throws -> (shape: [Int], values: [Float]) {
        let data = [UInt8](try Data(contentsOf: url))
        guard data.count > 10, data.starts(with: [0x93] + Array("NUMPY".utf8)) else {
            throw Fixtures.Unavailable(description: "\(url.path) is not a .npy file")
        }
        let wide = data[6] >= 2
        let length =
            wide
            ? Int(data[8]) | Int(data[9]) << 8 | Int(data[10]) << 16 | Int(data[11]) << 24
            : Int(data[8]) | Int(data[9]) << 8
        let start = wide ? 12 : 10
        let header = String(decoding: data[start..<(start + length)], as: UTF8.self)
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
            let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")")
        else { throw Fixtures.Unavailable(description: "\(url.path): unexpected .npy header \(header)") }
        let shape = header[open.upperBound..<close].split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        let body = data[(start + length)...]
        let values = [Float](unsafeUninitializedCapacity: body.count / 4) { buffer, count in
            body.withUnsafeBytes { raw in
                for i in 0..<(raw.count / 4) {
                    buffer[i] = Float(
                        bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
            }
            count = body.count / 4
        }
        return (shape, values)
    }
}
