import Foundation
import GailleryVision

/// Where the ingest benchmark finds its inputs, and its test photos, made deterministically at run time
/// from real photographs:
/// Debian python3-skimage's chelsea, coffee, astronaut, rocket and motorcycle_left (CC0, public
/// domain, Middlebury 2014; located by `models/photos`), each centre-cropped to 4:3, upscaled with
/// PIL-exact bicubic to the target size, given seeded film-grain noise (so every file is distinct and
/// JPEG sizes resemble a camera's) and encoded at quality 90.
extension IngestBenchmark {
    /// Where the models, the peer script and its Python are: the `models/` directory (with a
    /// `taxonomy.json`) beside or above this executable, as gailleryd finds it, or $GAILLERY_MODELS_DIR.
    struct Setup {
        /// The model id (a manifest in `models`).
        var model: String
        /// The models directory.
        var models: URL
        /// `models/.venv/bin/python`.
        var python: String
        /// `Benchmarks/python/ingest_peer.py`.
        var peer: String

        /// Finds everything for `model`.
        /// - Throws: `BenchError` when `models/` or its venv is missing.
        init(model: String) throws {
            self.model = model
            var directory = binDirectory
            var found = ProcessInfo.processInfo.environment["GAILLERY_MODELS_DIR"].map { URL(fileURLWithPath: $0) }
            while found == nil, directory.path != "/" {
                let candidate = directory.appendingPathComponent("models")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("taxonomy.json").path) {
                    found = candidate
                }
                directory = directory.deletingLastPathComponent()
            }
            guard let found else {
                throw BenchError("no models/ directory found above \(binDirectory.path); run `make models`")
            }
            models = found
            python = found.appendingPathComponent(".venv/bin/python").path
            peer = found.deletingLastPathComponent().appendingPathComponent("Benchmarks/python/ingest_peer.py").path
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw BenchError("\(python) is missing; run `make models` (its venv has numpy, Pillow and onnxruntime)")
            }
        }
    }

    /// The skimage photographs the test photos are made from.
    static let sourcePhotos = ["chelsea.png", "coffee.png", "astronaut.png", "rocket.jpg", "motorcycle_left.png"]

    /// Writes `count` JPEGs of `width` x `height` into `directory`; returns their paths and mean size in bytes.
    static func makePhotos(count: Int, width: Int, height: Int, models: URL, into directory: URL) throws -> (
        [String], Int
    ) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sources = try skimageDirectory(models: models)
        let bases = try sourcePhotos.map { name in
            let image = try ImageCodec.decode([UInt8](Data(contentsOf: sources.appendingPathComponent(name))))
            return fourByThree(image).resized(width: width, height: height, filter: .bicubic)
        }
        var paths: [String] = []
        var bytes = 0
        for index in 0..<count {
            let jpeg = try ImageCodec.encodeJPEG(grained(bases[index % bases.count], seed: index), quality: 90)
            let path = directory.appendingPathComponent(String(format: "p%04d.jpg", index)).path
            try Data(jpeg).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            bytes += jpeg.count
        }
        return (paths, bytes / max(1, count))
    }

    /// The directory `models/photos` prints (it fetches python3-skimage's data when not installed).
    static func skimageDirectory(models: URL) throws -> URL {
        let output = try run(models.appendingPathComponent("photos").path, [])
        return URL(fileURLWithPath: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The largest centred 4:3 (landscape) crop.
    static func fourByThree(_ image: RGBImage) -> RGBImage {
        let width = min(image.width, image.height * 4 / 3)
        return image.centerCropped(width: width, height: width * 3 / 4)
    }

    /// `image` with luminance noise of -15...+16 levels from a seeded LCG, the same on the three channels.
    static func grained(_ image: RGBImage, seed: Int) -> RGBImage {
        var state = UInt32(truncatingIfNeeded: seed &* 2_654_435_761 &+ 12345)
        var pixels = image.pixels
        pixels.withUnsafeMutableBufferPointer { buffer in
            for pixel in stride(from: 0, to: buffer.count, by: 3) {
                state = state &* 1_664_525 &+ 1_013_904_223
                let noise = Int(state >> 27) - 15
                for channel in 0..<3 {
                    buffer[pixel + channel] = UInt8(clamping: Int(buffer[pixel + channel]) + noise)
                }
            }
        }
        return RGBImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// Runs a program to completion (its standard error passed through) and returns its standard output.
    /// - Throws: `BenchError` when it exits non-zero.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError(
                "\(executable) \(arguments.prefix(3).joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
